"""Production settings pass Django's deployment checks with no warning at all."""

from tests.production import manage, production_env


def test_check_deploy_passes_without_warnings():
    env = production_env(ALLOWED_HOSTS="example.kr")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert "WARNING" not in result.stderr
