"""PetitionDesk: the petitions office desktop program (信访桌面)."""

from petitiondesk.version import __version__

__all__ = ["__version__"]
