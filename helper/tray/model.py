"""Everything the tray icon shows and does, without any GUI library.

``TrayModel`` asks the running helper of a data directory (helper.control) for its state and
turns it into what the icon shows: a state (running / degraded / stopped), a tooltip and menu
items in Chinese. Menu actions call the helper's admin API; their results reach the agent
through ``notify`` (a desktop notification in the real tray). The pystray adapter
(helper.tray.icon) only draws this.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from helper.control import ControlError, HelperControl, NotRunning
from helper.paths import Paths
from helper.settings import DEFAULT_EXTENSION_ID
from helper.times import beijing

PAUSE_MINUTES = 15
DASHBOARD_URL = f"chrome-extension://{DEFAULT_EXTENSION_ID}/dashboard/dashboard.html"


class TrayState(Enum):
    RUNNING = "running"
    DEGRADED = "degraded"
    STOPPED = "stopped"


@dataclass(frozen=True)
class MenuItem:
    label: str
    action: Callable[[], None]
    enabled: bool = True


class TrayModel:
    def __init__(
        self,
        paths: Paths,
        *,
        notify: Callable[[str, str], None],
        open_url: Callable[[str], Any],
        find: Callable[[Paths], HelperControl] = HelperControl.find,
    ) -> None:
        self._paths = paths
        self._notify = notify
        self._open_url = open_url
        self._find = find
        self.state = TrayState.STOPPED
        self.status: dict[str, Any] | None = None
        self.problem: str | None = None

    def refresh(self) -> TrayState:
        """Ask the helper; a helper that does not answer counts as stopped."""
        try:
            self.status = self._find(self._paths).status()
        except (NotRunning, ControlError) as exc:
            self.status = None
            self.problem = str(exc) or None
            self.state = TrayState.STOPPED
            return self.state
        problems = list(self.status["rules"]["problems"])
        if not self.status["store"]["ok"]:
            problems.insert(0, "数据库无法访问")
        self.problem = "；".join(problems) or None
        self.state = TrayState.DEGRADED if problems else TrayState.RUNNING
        return self.state

    @property
    def paused_until(self) -> datetime | None:
        until = self.status.get("checks_paused_until") if self.status else None
        return datetime.fromisoformat(until) if until else None

    def tooltip(self) -> str:
        if self.state is TrayState.STOPPED:
            return "工作台卫士：助手已停止"
        text = "工作台卫士：运行中" if self.state is TrayState.RUNNING else "工作台卫士：有问题"
        if self.problem:
            text += f"（{self.problem}）"
        if self.paused_until:
            text += f"，消息检查暂停至 {beijing(self.paused_until)}（北京时间）"
        return text

    def menu(self) -> list[MenuItem]:
        running = self.state is not TrayState.STOPPED
        pause = (
            MenuItem("恢复消息检查", self.resume_checks, running)
            if self.paused_until
            else MenuItem(f"暂停消息检查 {PAUSE_MINUTES} 分钟", self.pause_checks, running)
        )
        return [
            MenuItem("打开仪表盘", self.open_dashboard),
            MenuItem("配对浏览器扩展（显示配对码）", self.pair, running),
            pause,
            MenuItem("停止助手", self.stop, running),
        ]

    # --- actions -------------------------------------------------------------------------

    def open_dashboard(self) -> None:
        if not self._open_url(DASHBOARD_URL):
            self._notify(
                "无法自动打开仪表盘",
                "请在 Chrome 或 Edge 中点击工作台卫士扩展图标，再点「打开仪表盘」。",
            )

    def pair(self) -> None:
        answer = self._act(lambda control: control.pair_code())
        if answer is not None:
            code = answer["code"]
            self._notify(
                f"配对码 {code[:3]} {code[3:]}",
                f"在浏览器扩展的弹窗中输入，有效期至 {beijing(answer['expires_at'])}（北京时间）。",
            )

    def pause_checks(self) -> None:
        answer = self._act(lambda control: control.pause(PAUSE_MINUTES))
        if answer is not None:
            until = beijing(answer["checks_paused_until"])
            self._notify("消息检查已暂停", f"{until}（北京时间）自动恢复。")
        self.refresh()

    def resume_checks(self) -> None:
        if self._act(lambda control: control.pause(0)) is not None:
            self._notify("消息检查已恢复", "输入时会继续提示违规风险。")
        self.refresh()

    def stop(self) -> None:
        if self._act(lambda control: control.stop()) is not None:
            self._notify("助手正在停止", "下次登录时会自动启动；现在启动请运行 helper serve。")

    def _act(self, call: Callable[[HelperControl], dict[str, Any]]) -> dict[str, Any] | None:
        try:
            return call(self._find(self._paths))
        except NotRunning:
            self._notify("助手没有在运行", "请先运行 helper serve，或 helper autostart on。")
        except ControlError as exc:
            self._notify("操作失败", str(exc))
        return None
