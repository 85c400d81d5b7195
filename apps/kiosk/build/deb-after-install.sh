#!/bin/sh
# Installed by the .deb: let the kiosk read and write USB printers (/dev/usb/lp*, group lp).
echo "Lượt Kiosk: add the kiosk's user to the 'lp' group to print on a USB printer: usermod -aG lp <user>"
