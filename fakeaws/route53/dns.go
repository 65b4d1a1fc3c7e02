package route53

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"strconv"

	"github.com/miekg/dns"
)

// DefaultDNSAccount is the account whose zones a DNSServer answers for
// when DNSConfig.Account is empty: fakeaws's default account.
const DefaultDNSAccount = "123456789012"

// AliasResolver resolves alias targets that lie in no hosted zone of the
// served account, such as a load balancer's DNS name. It reports false
// when it does not know the name.
type AliasResolver interface {
	Resolve(ctx context.Context, dnsName string) ([]netip.Addr, bool)
}

// DNSConfig configures a DNSServer.
type DNSConfig struct {
	// Account is the account whose hosted zones are served;
	// DefaultDNSAccount when empty.
	Account string
	// VPC is the ID of the VPC the clients sit in. When set, private
	// zones associated with it win over public zones of the same name and
	// other private zones are not served. When empty, every zone is
	// served and a public zone wins over a private one of the same name.
	VPC string
	// Resolver answers alias targets outside the served zones; nil
	// leaves such aliases without an answer (NODATA).
	Resolver AliasResolver
	// Logger reports failures to answer; nil discards them.
	Logger *slog.Logger
}

// DNSServer answers DNS queries authoritatively from the hosted zones of
// one account.
type DNSServer struct {
	svc *Service
	cfg DNSConfig
}

// NewDNSServer returns a DNS server for svc's zones.
func NewDNSServer(svc *Service, cfg DNSConfig) *DNSServer {
	if cfg.Account == "" {
		cfg.Account = DefaultDNSAccount
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return &DNSServer{svc: svc, cfg: cfg}
}

// ListenAndServe answers queries on addr, over UDP and TCP on the same
// port, until ctx ends.
func (d *DNSServer) ListenAndServe(ctx context.Context, addr string) error {
	l, err := d.Listen(addr)
	if err != nil {
		return err
	}
	return l.Serve(ctx)
}

// Listen binds addr over UDP and TCP. With port 0 it picks a port free
// for both.
func (d *DNSServer) Listen(addr string) (*DNSListener, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("dns: address %q: %w", addr, err)
	}
	for range 20 {
		pc, err := net.ListenPacket("udp", addr)
		if err != nil {
			return nil, fmt.Errorf("dns: listen on udp %s: %w", addr, err)
		}
		bound := strconv.Itoa(pc.LocalAddr().(*net.UDPAddr).Port)
		ln, err := net.Listen("tcp", net.JoinHostPort(host, bound))
		if err == nil {
			return &DNSListener{d: d, udp: pc, tcp: ln}, nil
		}
		_ = pc.Close()
		if port != "0" {
			return nil, fmt.Errorf("dns: listen on tcp %s: %w", addr, err)
		}
	}
	return nil, fmt.Errorf("dns: no port on %s is free for both UDP and TCP", host)
}

// DNSListener is a DNS server bound to a UDP and a TCP socket.
type DNSListener struct {
	d   *DNSServer
	udp net.PacketConn
	tcp net.Listener
}

// Addr is the host:port the listener answers on, over both transports.
func (l *DNSListener) Addr() string { return l.udp.LocalAddr().String() }

// Close releases the sockets of a listener that is not serving.
func (l *DNSListener) Close() error {
	return errors.Join(l.udp.Close(), l.tcp.Close())
}

// Serve answers queries until ctx ends, then closes the sockets.
func (l *DNSListener) Serve(ctx context.Context) error {
	h := &dnsHandler{d: l.d, ctx: ctx}
	started := make(chan struct{}, 2)
	notify := func() { started <- struct{}{} }
	servers := []*dns.Server{
		{PacketConn: l.udp, Handler: h, NotifyStartedFunc: notify},
		{Listener: l.tcp, Handler: h, NotifyStartedFunc: notify},
	}
	errs := make(chan error, len(servers))
	for _, srv := range servers {
		go func() { errs <- srv.ActivateAndServe() }()
	}
	running := 0
	var failed error
	for running < len(servers) && failed == nil {
		select {
		case <-started:
			running++
		case err := <-errs:
			failed = fmt.Errorf("dns: serve on %s: %w", l.Addr(), err)
		}
	}
	if failed == nil {
		select {
		case <-ctx.Done():
		case err := <-errs:
			failed = fmt.Errorf("dns: serve on %s: %w", l.Addr(), err)
		}
	}
	for _, srv := range servers {
		_ = srv.Shutdown()
	}
	_ = l.Close()
	return failed
}

type dnsHandler struct {
	d   *DNSServer
	ctx context.Context
}

func (h *dnsHandler) ServeDNS(w dns.ResponseWriter, req *dns.Msg) {
	_, tcp := w.RemoteAddr().(*net.TCPAddr)
	resp := h.d.Answer(h.ctx, req, tcp)
	if err := w.WriteMsg(resp); err != nil {
		h.d.cfg.Logger.Warn("dns: write answer", "question", req.Question, "err", err)
		fail := new(dns.Msg)
		fail.SetRcode(req, dns.RcodeServerFailure)
		_ = w.WriteMsg(fail)
	}
}
