"""工具 → 审计日志…: the administrators' view of the audit log (filters, table, details,
export asking 内部使用/对外提供)."""
