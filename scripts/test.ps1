# Windows PowerShell equivalent of scripts/test: install what the test suite needs into .venv
# and run it.  powershell -ExecutionPolicy Bypass -File scripts\test.ps1 [pytest args]
#
# Unlike scripts/test it installs no system packages: Chromium (set WBG_CHROMIUM to chrome.exe
# or msedge.exe for the browser tests; they skip without it), Node.js (the extension's unit
# tests skip without node) and PostgreSQL are up to you. Works in PowerShell 5.1 (no &&).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

function Invoke-Step {
    param([string]$Program, [string[]]$Arguments)
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) {
        Write-Error "$Program $($Arguments -join ' ') failed with exit code $LASTEXITCODE"
        exit $LASTEXITCODE
    }
}

if (Get-Command py -ErrorAction SilentlyContinue) {
    Invoke-Step py @("-3", "-m", "venv", ".venv")
} else {
    Invoke-Step python @("-m", "venv", ".venv")
}
$python = Join-Path ".venv" "Scripts\python.exe"
Invoke-Step $python @("-m", "pip", "install", "-q", "--upgrade", "pip")
Invoke-Step $python @("-m", "pip", "install", "-q", "-e", ".[test]")
if ((Test-Path "tests\e2e\package.json") -and (Get-Command npm -ErrorAction SilentlyContinue)) {
    Push-Location "tests\e2e"
    try { Invoke-Step npm @("ci", "--no-audit", "--no-fund", "--loglevel=error") }
    finally { Pop-Location }
}
Invoke-Step $python @("-m", "ruff", "check", ".")
& $python -m pytest @args
exit $LASTEXITCODE
