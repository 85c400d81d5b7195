/** The page an installer sees at /display/: which screen to open on this device. */
export function ModeChooser() {
  return (
    <main style={{ padding: '2rem', maxWidth: 720, margin: '0 auto' }}>
      <h1>Lượt — màn hình công dân</h1>
      <p>
        Chọn chế độ cho thiết bị này (thêm <code>?token=…</code> do quản trị viên cấp):
      </p>
      <ul>
        <li>
          <a href="/display/lobby">Bảng số sảnh chờ</a>
        </li>
        <li>
          <a href="/display/sign">Màn hình trên quầy</a>
        </li>
        <li>
          <a href="/display/rating">Máy đánh giá mức độ hài lòng</a>
        </li>
      </ul>
    </main>
  );
}
