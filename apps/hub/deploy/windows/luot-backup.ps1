# Daily backup of a Lượt hub on Windows (Task Scheduler): an online copy of the database,
# encrypted with the operator's key (made once with `luot backup-key`), then only the newest
# $Keep copies are kept. Plain copies left by older versions (luot-*.db) are removed once an
# encrypted one is made.
param(
  [string]$Data = 'C:\ProgramData\Luot',
  [string]$Backups = 'C:\ProgramData\Luot\backups',
  [string]$Key = 'C:\ProgramData\LuotKey\backup.key',
  [int]$Keep = 30
)
$ErrorActionPreference = 'Stop'
New-Item -ItemType Directory -Force -Path $Backups | Out-Null
$out = Join-Path $Backups ('luot-' + (Get-Date -Format 'yyyy-MM-ddTHHmmss') + '.luotbak')
& node 'C:\luot\apps\hub\dist\cli.js' backup --data $Data --out $out --key-file $Key
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
Get-ChildItem (Join-Path $Backups 'luot-*.luotbak') | Sort-Object LastWriteTime -Descending |
  Select-Object -Skip $Keep | Remove-Item
Get-ChildItem (Join-Path $Backups 'luot-*.db') -ErrorAction SilentlyContinue | Remove-Item
