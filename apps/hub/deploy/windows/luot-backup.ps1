# Daily backup of a Lượt hub on Windows (Task Scheduler): an online copy of the database, then
# only the newest $Keep copies are kept.
param(
  [string]$Data = 'C:\ProgramData\Luot',
  [string]$Backups = 'C:\ProgramData\Luot\backups',
  [int]$Keep = 30
)
$ErrorActionPreference = 'Stop'
New-Item -ItemType Directory -Force -Path $Backups | Out-Null
$out = Join-Path $Backups ('luot-' + (Get-Date -Format 'yyyy-MM-ddTHHmmss') + '.db')
& node 'C:\luot\apps\hub\dist\cli.js' backup --data $Data --out $out
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
Get-ChildItem (Join-Path $Backups 'luot-*.db') | Sort-Object LastWriteTime -Descending |
  Select-Object -Skip $Keep | Remove-Item
