package fakeaws

import (
	"github.com/drydock-sandbox/drydock/fakeaws/route53"
)

// ListenDNS binds Route53's authoritative DNS server on addr (UDP and TCP,
// port 0 picks a free one) for the hosted zones of the default account.
// Serve the returned listener with its Serve method.
func (s *Server) ListenDNS(addr string) (*route53.DNSListener, error) {
	d := route53.NewDNSServer(s.route53, route53.DNSConfig{
		Account:  s.opts.defaultAccount,
		Resolver: s.elbv2,
		Logger:   s.opts.logger,
	})
	return d.Listen(addr)
}
