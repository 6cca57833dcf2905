package atomicfile

import (
	"os"
	"syscall"
	"testing"
	"unsafe"
)

// The ioctls of the inode flags and the immutable flag (linux/fs.h).
const (
	fsIocGetFlags  = 0x80086601
	fsIocSetFlags  = 0x40086602
	fsImmutableFlg = 0x00000010
)

// refuseWrites makes dir refuse new files: read-only permissions, and for
// root (whom permissions do not stop) the immutable flag.
func refuseWrites(t *testing.T, dir string) {
	t.Helper()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { allowWrites(t, dir) })
	if f, err := os.CreateTemp(dir, "probe"); err == nil {
		f.Close()
		os.Remove(f.Name())
		if err := setImmutable(dir, true); err != nil {
			t.Fatalf("cannot make %s refuse writes (running as root without CAP_LINUX_IMMUTABLE?): %v", dir, err)
		}
	}
	if f, err := os.CreateTemp(dir, "probe"); err == nil {
		f.Close()
		os.Remove(f.Name())
		t.Fatalf("%s still accepts files", dir)
	}
}

// allowWrites undoes refuseWrites.
func allowWrites(t *testing.T, dir string) {
	t.Helper()
	_ = setImmutable(dir, false)
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func setImmutable(dir string, on bool) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	var flags int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, d.Fd(), fsIocGetFlags, uintptr(unsafe.Pointer(&flags))); e != 0 {
		return e
	}
	if on {
		flags |= fsImmutableFlg
	} else {
		flags &^= fsImmutableFlg
	}
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, d.Fd(), fsIocSetFlags, uintptr(unsafe.Pointer(&flags))); e != 0 {
		return e
	}
	return nil
}
