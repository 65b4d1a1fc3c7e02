// Command benchpeers runs the same aws-sdk-go-v2 workloads against fakeaws
// and against moto_server, one client and eight concurrent clients, and
// prints requests per second for both and their ratio.
//
//	go run ./tools/benchpeers [-duration 3s] [-clients 1,8] [-only S3PutObject]
//
// moto_server must be on PATH (pip install 'moto[server]'); the command
// exits non-zero without it. Both servers run on 127.0.0.1 ephemeral
// ports and are stopped at the end.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "benchpeers:", err)
		os.Exit(1)
	}
}

type config struct {
	duration time.Duration
	clients  []int
	only     string
	drydock  string
}

func run() error {
	var cfg config
	var clients string
	flag.DurationVar(&cfg.duration, "duration", 3*time.Second, "how long each workload runs per server and client count")
	flag.StringVar(&clients, "clients", "1,8", "comma-separated concurrent client counts")
	flag.StringVar(&cfg.only, "only", "", "run only workloads whose name contains this")
	flag.StringVar(&cfg.drydock, "drydock", "", "drydock binary (default: build ./cmd/drydock)")
	flag.Parse()
	for _, c := range strings.Split(clients, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n < 1 {
			return fmt.Errorf("-clients %q: want positive integers like 1,8", clients)
		}
		cfg.clients = append(cfg.clients, n)
	}
	moto, err := exec.LookPath("moto_server")
	if err != nil {
		return errors.New("moto_server is not on PATH: install it (pip install 'moto[server]') to compare against it")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	bin := cfg.drydock
	if bin == "" {
		dir, err := os.MkdirTemp("", "benchpeers-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		bin = dir + "/drydock"
		build := exec.Command("go", "build", "-o", bin, "./cmd/drydock")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("build drydock: %w", err)
		}
	}
	dataDir, err := os.MkdirTemp("", "benchpeers-state-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dataDir)

	fakePort, err := freePort()
	if err != nil {
		return err
	}
	fake, err := startProcess(ctx, bin, "aws", "serve", "--addr", "127.0.0.1:"+fakePort, "--data-dir", dataDir, "--speed", "0")
	if err != nil {
		return err
	}
	defer fake.stop()
	motoPort, err := freePort()
	if err != nil {
		return err
	}
	mp, err := startProcess(ctx, moto, "-H", "127.0.0.1", "-p", motoPort)
	if err != nil {
		return err
	}
	defer mp.stop()

	servers := []peer{
		{name: "fakeaws", url: "http://127.0.0.1:" + fakePort},
		{name: "moto", url: "http://127.0.0.1:" + motoPort},
	}
	for _, p := range servers {
		if err := waitReady(p.url, 30*time.Second); err != nil {
			return fmt.Errorf("%s did not come up: %w", p.name, err)
		}
	}
	fmt.Printf("benchpeers: %s per run, clients %v, fakeaws (auth on, state on disk) vs moto_server (in memory)\n\n", cfg.duration, cfg.clients)
	fmt.Printf("%-28s %7s %12s %12s %8s\n", "WORKLOAD", "CLIENTS", "FAKEAWS r/s", "MOTO r/s", "RATIO")
	failed := false
	for _, w := range workloads() {
		if cfg.only != "" && !strings.Contains(w.name, cfg.only) {
			continue
		}
		for _, n := range cfg.clients {
			var rates [2]result
			for i, p := range servers {
				rates[i] = measure(ctx, p, w, n, cfg.duration)
			}
			fmt.Printf("%-28s %7d %12s %12s %8s\n", w.name, n, rates[0], rates[1], ratio(rates[0], rates[1]))
			for i, r := range rates {
				if r.err != nil {
					failed = true
					fmt.Printf("    %s: %v\n", servers[i].name, r.err)
				}
			}
		}
	}
	if failed {
		return errors.New("some workloads failed (see above)")
	}
	return nil
}

func freePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer func() { _ = l.Close() }()
	_, p, err := net.SplitHostPort(l.Addr().String())
	return p, err
}

type process struct{ cmd *exec.Cmd }

func startProcess(ctx context.Context, name string, args ...string) (*process, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "DRYDOCK_HOME="+os.TempDir())
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	return &process{cmd: cmd}, nil
}

func (p *process) stop() {
	_ = p.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-done
	}
}

// waitReady polls url until it answers anything over HTTP.
func waitReady(url string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		resp, err := http.Get(url + "/")
		if err == nil {
			resp.Body.Close()
			return nil
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
}
