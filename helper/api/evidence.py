"""A complaint's evidence pack: GET /v1/complaints/<id>/evidence?format=html|md|json.

Behind the whole envelope (Host, Origin, token). Phone numbers are always masked here: only
the command line can reveal one, after the agent types it and confirms.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request
from flask.typing import ResponseReturnValue

from helper.api.body import invalid
from helper.api.envelope import services
from helper.api.errors import ApiError
from helper.api.spec import operation
from helper.complaints import service
from helper.evidence.pack import build_pack
from helper.evidence.render import FORMATS, MEDIA_TYPES, render

bp = Blueprint("evidence", __name__, url_prefix="/v1")

# The HTML is shown in a browser tab: nothing in it may run or load anything.
_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'"
_MAX_SHOP = 60


@bp.get("/complaints/<id:complaint_id>/evidence")
@operation(
    "The complaint's evidence pack: timeline, contact-rule review, contacts per day against "
    "the caps (inline SVG), evidence checklist, case guidance and a draft appeal statement. "
    "?format=html (default; one printable A4 file) | md | json; ?shop= prints the shop name "
    "in the page header. Phone numbers are masked.",
    response={
        "type": "object",
        "description": "format=json; html and md are text/html and text/markdown",
        "required": ["complaint", "timeline", "policy_review", "chart", "checklist", "draft"],
    },
    errors=(401, 404, 422),
)
def evidence_pack(complaint_id: int) -> ResponseReturnValue:
    fmt = request.args.get("format", "html")
    if fmt not in FORMATS:
        raise invalid("format", f"只能是 {', '.join(FORMATS)} 之一")
    shop = request.args.get("shop", "").strip() or None
    if shop is not None and len(shop) > _MAX_SHOP:
        raise invalid("shop", f"店铺名称最多 {_MAX_SHOP} 个字")
    try:
        pack = build_pack(services(), complaint_id, shop=shop)
    except service.ComplaintNotFound:
        raise ApiError(404, "complaint_not_found", f"没有编号为 {complaint_id} 的投诉") from None
    if fmt == "json":
        return jsonify(pack)
    response = Response(render(pack, fmt), content_type=MEDIA_TYPES[fmt])
    if fmt == "html":
        response.headers["Content-Security-Policy"] = _HTML_CSP
    return response
