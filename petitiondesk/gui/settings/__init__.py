"""The 设置 menu of the main window and its screens: 节假日安排 (the holiday calendar),
办公室设置 (office settings) and 期限规则 (deadline rules), and the status-bar line that
says when next year's holidays are still missing. Window-level, not a tab: the main
window builds one :class:`menu.SettingsMenu` and adds its menu and status widget."""
