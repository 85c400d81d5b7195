import { useEffect, useState } from 'react';
import type { HubSocket } from '@luot/hub-client';
import type { DeviceStatus } from '@luot/protocol';

/** Printer and device status: the snapshot's list, then every live `device` event. */
export function useDevices(socket: HubSocket | null): DeviceStatus[] {
  const [devices, setDevices] = useState<DeviceStatus[]>([]);
  useEffect(() => {
    if (!socket) return;
    const onSnapshot = (s: { devices: DeviceStatus[] }) => setDevices(s.devices);
    const onDevice = (d: DeviceStatus) =>
      setDevices((list) => {
        const i = list.findIndex((x) => x.deviceId === d.deviceId);
        if (i === -1) return [...list, d];
        const next = [...list];
        next[i] = d;
        return next;
      });
    socket.on('snapshot', onSnapshot);
    socket.on('device', onDevice);
    return () => {
      socket.off('snapshot', onSnapshot);
      socket.off('device', onDevice);
    };
  }, [socket]);
  return devices;
}
