package elbv2

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// proxyKey names a listener across accounts and regions.
type proxyKey struct{ account, region, arn string }

// proxy is the real TCP listener of a load balancer's listener.
type proxy struct {
	key  proxyKey
	ln   net.Listener
	addr netip.AddrPort
	next atomic.Uint64 // round robin

	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	closed bool
}

// track registers a connection to close with the proxy; false when the
// proxy is already closed.
func (p *proxy) track(c net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	p.conns[c] = struct{}{}
	return true
}

func (p *proxy) untrack(c net.Conn) {
	p.mu.Lock()
	delete(p.conns, c)
	p.mu.Unlock()
	_ = c.Close()
}

func (p *proxy) close() {
	p.mu.Lock()
	p.closed = true
	conns := p.conns
	p.conns = map[net.Conn]struct{}{}
	p.mu.Unlock()
	_ = p.ln.Close()
	for c := range conns {
		_ = c.Close()
	}
}

// proxyable reports whether a listener is served as a real TCP listener:
// TCP-based protocols of network and application load balancers.
func proxyable(l *listener, lb *loadBalancer) bool {
	switch l.Protocol {
	case protoTCP, protoTLS, protoTCPUDP, protoHTTP, protoHTTPS:
		return lb.Type != typeGateway
	}
	return false
}

// ListenerAddr is the real address on 127.0.0.1 where a listener of an
// active load balancer accepts connections. ok is false when the
// listener does not exist, its load balancer is still provisioning, it
// is not TCP-based, or none of its targets is served on a real address.
func (s *Service) ListenerAddr(account, region, listenerARN string) (netip.AddrPort, bool) {
	k := proxyKey{account, region, listenerARN}
	s.mu.Lock()
	p := s.proxies[k]
	s.mu.Unlock()
	if p != nil {
		return p.addr, true
	}
	t := s.env.Clock.Now()
	la, groups, err := s.loadListener(scope{account, region}, listenerARN, t)
	if err != nil || !s.wanted(la, groups, t) {
		return netip.AddrPort{}, false
	}
	addr, err := s.ensureProxy(k)
	if err != nil {
		s.cfg.Logger.Warn("elbv2: open listener", "listener", listenerARN, "err", err)
		return netip.AddrPort{}, false
	}
	return addr, true
}

// loadListener reads a listener, its load balancer and the groups it
// forwards to.
func (s *Service) loadListener(sc scope, arn string, t time.Time) (listenerAt, []*group, error) {
	var (
		la     = listenerAt{scope: sc}
		groups []*group
	)
	err := s.view(func(tx *store.Tx) error {
		var err error
		if la.l, err = s.getListener(tx, sc, arn); err != nil {
			return err
		}
		if la.lb, err = s.getLB(tx, sc, la.l.LBARN); err != nil {
			return err
		}
		for _, tgARN := range la.l.targetGroups() {
			tg, err := s.getTG(tx, sc, tgARN)
			if err != nil {
				return err
			}
			g, err := s.loadGroup(tx, sc, tg, t)
			if err != nil {
				return err
			}
			groups = append(groups, &g)
		}
		return nil
	})
	return la, groups, err
}

// wanted reports whether a listener should have a real socket: its load
// balancer is active and one of its targets has a real address.
func (s *Service) wanted(la listenerAt, groups []*group, t time.Time) bool {
	if !la.lb.active(t) || !proxyable(&la.l, &la.lb) {
		return false
	}
	for _, g := range groups {
		for _, tt := range g.targets {
			if o := s.observe(g, tt); o.running() && o.addr.IsValid() {
				return true
			}
		}
	}
	return false
}

// reconcile opens the sockets the world wants and closes those of
// listeners that are gone.
func (s *Service) reconcile(w world, t time.Time) error {
	exists := map[proxyKey]bool{}
	var errs []error
	for _, la := range w.listeners {
		k := proxyKey{la.scope.account, la.scope.region, la.l.ARN}
		exists[k] = true
		var groups []*group
		for _, arn := range la.l.targetGroups() {
			if g, ok := w.groups[arn]; ok {
				groups = append(groups, g)
			}
		}
		s.mu.Lock()
		_, open := s.proxies[k]
		s.mu.Unlock()
		if open || !s.wanted(la, groups, t) {
			continue
		}
		if _, err := s.ensureProxy(k); err != nil {
			errs = append(errs, err)
		}
	}
	s.mu.Lock()
	var stale []proxyKey
	for k := range s.proxies {
		if !exists[k] {
			stale = append(stale, k)
		}
	}
	s.mu.Unlock()
	for _, k := range stale {
		s.closeProxy(k)
	}
	return errors.Join(errs...)
}

// ensureProxy opens the socket of listener k unless it is open. It
// checks, holding the lock, that the listener still exists, so that a
// listener deleted meanwhile (whose socket DeleteListener closes after
// its commit) is not reopened.
func (s *Service) ensureProxy(k proxyKey) (netip.AddrPort, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.proxies[k]; ok {
		return p.addr, nil
	}
	if s.closed {
		return netip.AddrPort{}, fmt.Errorf("elbv2 service is closed")
	}
	if err := s.view(func(tx *store.Tx) error {
		_, err := s.getListener(tx, scope{k.account, k.region}, k.arn)
		return err
	}); err != nil {
		return netip.AddrPort{}, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return netip.AddrPort{}, fmt.Errorf("listen for %s: %w", k.arn, err)
	}
	p := &proxy{key: k, ln: ln, addr: ln.Addr().(*net.TCPAddr).AddrPort(), conns: map[net.Conn]struct{}{}}
	s.proxies[k] = p
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.serveProxy(p)
	}()
	return p.addr, nil
}

func (s *Service) closeProxy(k proxyKey) {
	s.mu.Lock()
	p := s.proxies[k]
	delete(s.proxies, k)
	s.mu.Unlock()
	if p != nil {
		p.close()
	}
}

func (s *Service) closeProxies() {
	s.mu.Lock()
	ps := s.proxies
	s.proxies = map[proxyKey]*proxy{}
	s.mu.Unlock()
	for _, p := range ps {
		p.close()
	}
}

// closeProxyOnCommit closes a listener's socket once tx, which deletes
// the listener, has committed.
func (s *Service) closeProxyOnCommit(tx *store.Tx, sc scope, arn string) {
	tx.OnCommit(func() { s.closeProxy(proxyKey{sc.account, sc.region, arn}) })
}

func (s *Service) serveProxy(p *proxy) {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		if !p.track(c) {
			_ = c.Close()
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.forward(p, c)
		}()
	}
}

// forward sends a connection to the next healthy target, round robin,
// and copies bytes both ways until both sides are done.
func (s *Service) forward(p *proxy, c net.Conn) {
	defer p.untrack(c)
	backends := s.backends(p.key)
	if len(backends) == 0 {
		return
	}
	addr := backends[(p.next.Add(1)-1)%uint64(len(backends))]
	d := net.Dialer{Timeout: s.cfg.ProbeTimeout}
	b, err := d.DialContext(s.ctx, "tcp", addr.String())
	if err != nil {
		return
	}
	if !p.track(b) {
		_ = b.Close()
		return
	}
	defer p.untrack(b)
	done := make(chan struct{})
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer close(done)
		pipe(b, c)
	}()
	pipe(c, b)
	<-done
}

// pipe copies src to dst, then half-closes dst; on an error it closes
// both so that the other direction ends too.
func pipe(dst, src net.Conn) {
	_, err := io.Copy(dst, src)
	if err != nil {
		_ = dst.Close()
		_ = src.Close()
		return
	}
	if cw, ok := dst.(interface{ CloseWrite() error }); ok {
		_ = cw.CloseWrite()
	}
}

// backends are the real addresses a listener forwards new connections
// to: its healthy targets', or, when none is healthy, its unhealthy
// targets' (load balancers fail open).
func (s *Service) backends(k proxyKey) []netip.AddrPort {
	t := s.env.Clock.Now()
	la, groups, err := s.loadListener(scope{k.account, k.region}, k.arn, t)
	if err != nil || !la.lb.active(t) {
		return nil
	}
	var healthy, unhealthy []netip.AddrPort
	for _, g := range groups {
		for _, st := range s.evaluate(g, t) {
			if !st.obs.addr.IsValid() {
				continue
			}
			switch st.verdict.State {
			case healthHealthy:
				healthy = append(healthy, st.obs.addr)
			case healthUnhealthy:
				unhealthy = append(unhealthy, st.obs.addr)
			}
		}
	}
	if len(healthy) > 0 {
		return healthy
	}
	return unhealthy
}
