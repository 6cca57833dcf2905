package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// replica is one `kinerjabot run --webhook` process.
type replica struct {
	n    int
	bin  string
	dir  string // working directory, shared by the replicas
	addr string // its HTTP address (webhook, /readyz)
	env  []string
	logs string // its log file
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	err  error         // its exit status, once done
	cpu  time.Duration // user and system CPU of its exited processes
}

// start starts the process, appending to its log file.
func (r *replica) start(webhook string) error {
	f, err := os.OpenFile(r.logs, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	r.cmd = exec.Command(r.bin, "run", "--webhook", webhook)
	// The survey's day keys go to the working directory on PostgreSQL:
	// one folder for every replica, as they must share it, and not the
	// caller's.
	r.cmd.Dir = r.dir
	r.cmd.Env = append(os.Environ(), append(r.env, "KINERJA_HTTP_ADDR="+r.addr)...)
	r.cmd.Stdout, r.cmd.Stderr = f, f
	if err := r.cmd.Start(); err != nil {
		f.Close()
		return err
	}
	done := make(chan struct{})
	r.done = done
	cmd := r.cmd
	go func() {
		r.err = cmd.Wait()
		if st := cmd.ProcessState; st != nil {
			r.cpu += st.UserTime() + st.SystemTime()
		}
		f.Close()
		close(done)
	}()
	return nil
}

// waitReady waits until the replica answers /readyz with 200.
func (r *replica) waitReady(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		select {
		case <-r.done:
			return fmt.Errorf("replica %d exited: %v (log: %s)", r.n, r.err, r.logs)
		default:
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+r.addr+"/readyz", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("replica %d not ready after %s (log: %s)", r.n, timeout, r.logs)
}

// kill ends the process with SIGKILL, as a crash would (nothing if it
// has exited already).
func (r *replica) kill() {
	_ = r.cmd.Process.Signal(syscall.SIGKILL)
	<-r.done
}

// stop sends SIGTERM and returns how long the process took to exit.
func (r *replica) stop(limit time.Duration) (time.Duration, error) {
	start := time.Now()
	_ = r.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-r.done:
		return time.Since(start), nil
	case <-time.After(limit):
		_ = r.cmd.Process.Signal(syscall.SIGKILL)
		<-r.done
		return time.Since(start), fmt.Errorf("replica %d still running %s after SIGTERM", r.n, limit)
	}
}

// freeAddr returns a loopback address nothing listens on.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// buildBot builds the kinerjabot package pkg (./cmd/kinerjabot from the
// repository root) into dir, for a run without -bin.
func buildBot(dir, pkg string) (string, error) {
	bin := filepath.Join(dir, "kinerjabot")
	cmd := exec.Command("go", "build", "-o", bin, pkg)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build ./cmd/kinerjabot (run from the repository root, or pass -bin): %w", err)
	}
	return bin, nil
}
