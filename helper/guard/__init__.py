"""The shop's say over the message checks: allowances (「以后不再提示」) and the shop profile
(platforms sold on, product categories), applied after the engine in the check service."""
