"""The README (说明.txt) of an archive folder: how to read it without the program."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

README: Final = "说明.txt"


@dataclass(frozen=True)
class ReadmeFacts:
    office: str
    year: int
    fonds_no: str
    items: int
    open_cases: int
    ledgers: tuple[str, ...]  # file stems
    sm3: bool


def readme_text(f: ReadmeFacts) -> str:
    ledgers = "\n".join(f"    {stem}.pdf / {stem}.xlsx" for stem in f.ledgers)
    open_line = (
        f"  未结事项清单.pdf / .xlsx  归档时尚未办结的 {f.open_cases} 件（不列入归档文件目录，"
        "办结后随下一次归档移交）\n"
        if f.open_cases
        else ""
    )
    sm3 = "和 SM3" if f.sm3 else "（本机未提供 SM3，SM3 列为空）"
    return f"""{f.office} {f.year}年度信访档案（电子）说明

本文件夹由 PetitionDesk 信访办桌面程序按 DA/T 22-2015《归档文件整理规则》整理生成，
全宗号 {f.fonds_no}，共归档 {f.items} 件（一案一件、一案一档）。不需要本程序即可查阅：

一、文件夹内容
  说明.txt                本说明
  归档文件目录.pdf / .xlsx  归档文件目录（序号、档号、文号、责任者、题名、日期、密级、页数、备注）
{open_line}  件/                     每件一个 PDF，文件名即档号（“·”写作“.”）。件内依次为：
                          登记单、受理（不予受理、转送）告知书、接谈记录、信访送阅表、
                          交办单（转送单）、督办单及存根、延期办理告知书、
                          信访处理意见书及送达回证、办结单、复查（复核）意见书。
                          首页右上角为归档章（全宗号、年度、件号、机构(问题)、保管期限、页数），
                          每页右下角注明档号和件内页码。
  附件/<档号>/             该件登记时所附的材料原件（扫描件、照片等），已在件的目录中列明
  台账/                   本年度台账，PDF 供阅读打印，xlsx 供查询统计：
{ledgers}
  index.json              机器可读的索引（每件的档号、登记号、文件、附件及其登记时的 SHA-256）
  自检报告.txt             按 DA/T 70-2018 四性检测（真实性、完整性、可用性、安全性）的结果
  文件清单.tsv             每个文件的字节数、SHA-256{sm3}

二、档号
  档号 = 全宗号-门类代码·年度-保管期限-机构(问题)代码-件号，件号四位，按保管期限分别从 0001 起编。
  保管期限：Y 永久，D30 定期30年，D10 定期10年。

三、如何查阅
  PDF 可用任何 PDF 阅读器打开；xlsx 可用 Excel、WPS 或 LibreOffice 打开（均为文本，不含公式和宏）。
  字体已嵌入 PDF，换电脑打开不会缺字。

四、如何核对
  1. 核对完整无改动：用 sha256sum（Linux）、certutil -hashfile 文件 SHA256（Windows）
     或 gmssl sm3 等工具计算文件哈希，与 文件清单.tsv 对比；
     装有本程序时可运行：petitiondesk archive verify <本文件夹>。
  2. PDF 按 PDF/A-2b（GB/T 23286.2 / ISO 19005-2）生成：字体嵌入、sRGB 输出意图、
     XMP 元数据标明 pdfaid:part=2、conformance=B，未加密、无脚本。本程序只检查了这些结构，
     完整的 PDF/A 符合性验证需要使用 veraPDF（https://verapdf.org）。
  3. 文件内的日期统一为 {f.year}年12月31日；对同样的数据再次归档，得到逐字节相同的文件。
"""
