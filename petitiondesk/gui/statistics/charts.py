"""The report's charts as images for the window: the SAME reportlab drawings the PDF
prints (:mod:`petitiondesk.printing.statistics.charts`, via the statistics service),
rendered to a one-page PDF and rasterised with QtPdf. Runs on a worker thread."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument

from petitiondesk.core.statistics import StatisticsReport

#: Pixels per PDF point: sharp on a high-DPI screen, shown at half size.
SCALE = 2.0


def render_pdf_page(data: bytes, scale: float = SCALE) -> QImage:
    """The first page of the PDF ``data`` as an image (``scale`` pixels per point)."""
    with tempfile.TemporaryDirectory(prefix="petitiondesk-chart-") as folder:
        path = Path(folder) / "chart.pdf"
        path.write_bytes(data)
        document = QPdfDocument()
        try:
            document.load(str(path))
            if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
                return QImage()
            points = document.pagePointSize(0)
            size = QSize(round(points.width() * scale), round(points.height() * scale))
            image = document.render(0, size)
        finally:
            document.close()
    image.setDevicePixelRatio(scale)
    return image


def chart_images(report: StatisticsReport) -> dict[str, QImage]:
    """Each chart of ``report`` by its key (category / monthly / units)."""
    from petitiondesk.printing.statistics.charts import CHARTS, chart_pdf_bytes

    return {key: render_pdf_page(chart_pdf_bytes(make(report))) for key, make in CHARTS.items()}
