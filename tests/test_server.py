"""`helper serve` as a process: start-up banner, one server per data dir, clean shutdown."""

from __future__ import annotations

import signal
import socket

from tests.support.helper_process import HelperProcess, free_port, run_cli


def test_banner_says_where_everything_is(served: HelperProcess) -> None:
    out = served.output
    for needle in (
        "Workbench Guard helper",
        str(served.data_dir),
        "config.toml",
        "helper.log",
        f"http://127.0.0.1:{served.port}",
        "ready",
    ):
        assert needle in out


def test_second_server_on_same_data_dir_refuses(served: HelperProcess) -> None:
    result = run_cli(served.data_dir, "serve", "--port", str(free_port()), check=False, timeout=30)
    assert result.returncode == 1
    assert "另一个 helper serve" in result.stderr
    assert "Traceback" not in result.stderr
    assert served.api.get("/v1/health").status == 200


def test_port_in_use_refuses(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        result = run_cli(tmp_path / "d", "serve", "--port", str(port), check=False, timeout=30)
    assert result.returncode == 1
    assert f"端口 {port} 已被占用" in result.stderr
    assert "Traceback" not in result.stderr


def test_sigterm_and_ctrl_c_stop_cleanly_and_release_the_lock(tmp_path) -> None:  # type: ignore[no-untyped-def]
    data_dir = tmp_path / "d"
    for sig in (signal.SIGTERM, signal.SIGINT):
        helper = HelperProcess(data_dir).start()
        assert helper.stop(sig) == 0
        assert "stopped" in helper.output
        assert "Traceback" not in helper.output
    # The lock is released: a new server starts on the same data directory.
    with HelperProcess(data_dir) as again:
        assert again.api.get("/v1/health").status == 200


def test_binds_loopback_only(served: HelperProcess) -> None:
    with socket.socket() as probe:
        probe.settimeout(1)
        # Any non-loopback address of this host must not reach the server.
        addresses = {
            info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        }
        for address in addresses - {"127.0.0.1"}:
            assert probe.connect_ex((address, served.port)) != 0


def test_logs_are_written_and_hold_no_bodies(served: HelperProcess) -> None:
    served.api.post("/v1/pair", {"code": "000000", "client": "13812345678 秘密"})
    served.stop()
    log = (served.data_dir / "logs" / "helper.log").read_text(encoding="utf-8")
    assert "POST /v1/pair 403" in log
    assert "13812345678" not in log and "秘密" not in log


def test_restart_on_the_same_port_right_after_a_crash(tmp_path) -> None:  # type: ignore[no-untyped-def]
    helper = HelperProcess(tmp_path / "d").start()
    # An open keep-alive connection makes the server's side linger in TIME_WAIT after the kill.
    assert helper.api.get("/v1/health").status == 200
    helper.kill()
    with HelperProcess(tmp_path / "d", port=helper.port) as again:
        assert again.api.get("/v1/health").status == 200


def test_a_second_signal_does_not_cut_the_shutdown_short(tmp_path) -> None:  # type: ignore[no-untyped-def]
    helper = HelperProcess(tmp_path / "d").start()
    assert helper.proc is not None
    helper.proc.send_signal(signal.SIGTERM)
    helper.proc.send_signal(signal.SIGTERM)  # as `timeout` does: to the process and its group
    assert helper.stop(signal.SIGINT) == 0
    assert "stopped" in helper.output
    assert "Aborted" not in helper.output and "Traceback" not in helper.output
