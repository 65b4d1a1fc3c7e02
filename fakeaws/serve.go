package fakeaws

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"
)

// Serve serves s on ln until ctx ends, then shuts down gracefully: it stops
// accepting, lets requests in flight finish (up to 10 seconds), and
// returns. It does not close the server's state; call Close after.
func Serve(ctx context.Context, s *Server, ln net.Listener) error {
	fresh := &freshConns{conns: map[net.Conn]struct{}{}}
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 30 * time.Second,
		ConnState:         fresh.track,
	}
	bg, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := s.Start(bg); err != nil {
		return err
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer scancel()
	// Shutdown waits up to five seconds for connections that were opened
	// but have sent no request yet; nothing was asked on them, so close
	// them once the listener is closed (and any accepted after).
	hs.RegisterOnShutdown(fresh.closeAll)
	err := hs.Shutdown(sctx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}

// freshConns tracks connections that have not yet sent a request.
type freshConns struct {
	mu      sync.Mutex
	conns   map[net.Conn]struct{}
	closing bool
}

func (f *freshConns) track(c net.Conn, st http.ConnState) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case st == http.StateNew && f.closing:
		_ = c.Close()
	case st == http.StateNew:
		f.conns[c] = struct{}{}
	default:
		delete(f.conns, c)
	}
}

func (f *freshConns) closeAll() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closing = true
	for c := range f.conns {
		_ = c.Close()
		delete(f.conns, c)
	}
}
