import type { ConnectionStatus } from '@luot/hub-client/react';

const TEXT: Record<Exclude<ConnectionStatus, 'online'>, string> = {
  connecting: 'Đang kết nối tới máy chủ…',
  offline: 'Mất kết nối — đang kết nối lại…',
  refused: 'Thiết bị chưa được ghép nối hoặc đã bị thu hồi. Vui lòng liên hệ quản trị viên.',
};

/** A full-width banner whenever the screen is not in step with the hub; nothing when it is. */
export function ConnectionBanner({ status }: { status: ConnectionStatus }) {
  if (status === 'online') return null;
  return (
    <div className="luot-banner" role="alert" data-kind={status} data-testid="connection-banner">
      {TEXT[status]}
    </div>
  );
}
