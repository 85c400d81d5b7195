@echo off
rem Starts one Luot screen (lobby board, counter sign, rating pad) on a Windows PC in the kiosk
rem mode of Chrome or Edge, with sound allowed without a tap, and starts it again if it closes.
rem Install: edit the three settings below, then put this file (or a shortcut to it) in
rem shell:startup (Win+R, type shell:startup, Enter) of the user the PC logs in automatically.
setlocal EnableExtensions

rem The hub as this PC reaches it (scheme, address, port; no path).
set "LUOT_HUB=http://192.168.1.10:8080"
rem The screen: lobby, sign or rating (see http://HUB:PORT/display/).
set "LUOT_SCREEN=lobby"
rem The device token from the admin app or `luot device pair` (needed once; the screen keeps it).
set "LUOT_TOKEN="
rem Seconds to wait for the hub at start when the app is already kept offline.
set "LUOT_WAIT_CACHED=30"

set "PROFILE=%LOCALAPPDATA%\LuotScreen"
set "URL=%LUOT_HUB%/display/%LUOT_SCREEN%"
if not "%LUOT_TOKEN%"=="" set "URL=%URL%?token=%LUOT_TOKEN%"

rem The flags the screen needs (checked by apps/display/e2e/launch-recipe.test.ts): kiosk, sound
rem without a tap, the plain-HTTP address treated as secure (for the offline copy of the
rem app; not needed with `luot tls`), a profile of its own, no first-run or crash dialogs.
set FLAGS=--kiosk --autoplay-policy=no-user-gesture-required --unsafely-treat-insecure-origin-as-secure=%LUOT_HUB% "--user-data-dir=%PROFILE%" --no-first-run --noerrdialogs --disable-session-crashed-bubble --disable-features=Translate

set "BROWSER="
for %%B in ("%ProgramFiles%\Google\Chrome\Application\chrome.exe" "%ProgramFiles(x86)%\Google\Chrome\Application\chrome.exe" "%LOCALAPPDATA%\Google\Chrome\Application\chrome.exe") do if not defined BROWSER if exist %%B set "BROWSER=%%~B"
set "EDGE_FLAGS="
if not defined BROWSER for %%B in ("%ProgramFiles(x86)%\Microsoft\Edge\Application\msedge.exe" "%ProgramFiles%\Microsoft\Edge\Application\msedge.exe") do if not defined BROWSER if exist %%B set "BROWSER=%%~B"
if not defined BROWSER (echo luot-screen: neither Chrome nor Edge is installed & pause & exit /b 1)
echo %BROWSER% | find /i "msedge" >nul && set "EDGE_FLAGS=--edge-kiosk-type=fullscreen"

:start
rem Wait for the hub before the first-ever start (a browser that never loaded the app would
rem show its own error page and stay there); once the app is kept offline, only a little.
set /a WAITED=0
:wait
curl.exe -fsS -o NUL --max-time 5 "%LUOT_HUB%/healthz" >nul 2>&1 && goto run
if exist "%PROFILE%\Default\Service Worker" if %WAITED% GEQ %LUOT_WAIT_CACHED% goto run
if %WAITED%==0 echo luot-screen: waiting for the hub at %LUOT_HUB%...
timeout /t 5 /nobreak >nul
set /a WAITED+=5
goto wait

:run
start "" /wait "%BROWSER%" %FLAGS% %EDGE_FLAGS% "%URL%"
timeout /t 5 /nobreak >nul
goto start
