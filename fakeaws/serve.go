package fakeaws

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// Serve serves s on ln until ctx ends, then shuts down gracefully: it stops
// accepting, lets requests in flight finish (up to 10 seconds), and
// returns. It does not close the server's state; call Close after.
func Serve(ctx context.Context, s *Server, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 30 * time.Second,
		ErrorLog:          nil,
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
	err := hs.Shutdown(sctx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}
