package route53_test

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	r53 "github.com/drydock-sandbox/drydock/fakeaws/route53"
	"github.com/miekg/dns"
)

// serveDNS starts a DNS server for the harness's fakeaws on an ephemeral
// loopback port (UDP and TCP) and stops it when the test ends.
func (h *harness) serveDNS(t testing.TB, cfg r53.DNSConfig) string {
	t.Helper()
	l, err := r53.NewDNSServer(h.srv.Route53(), cfg).Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- l.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("DNS server: %v", err)
		}
	})
	return l.Addr()
}

// query asks addr over network ("udp" or "tcp") for name and type,
// without EDNS0.
func query(t testing.TB, addr, network, name string, qtype uint16) *dns.Msg {
	t.Helper()
	m := new(dns.Msg)
	m.SetQuestion(name, qtype)
	return exchange(t, addr, network, m)
}

func exchange(t testing.TB, addr, network string, m *dns.Msg) *dns.Msg {
	t.Helper()
	c := &dns.Client{Net: network, Timeout: 5 * time.Second, UDPSize: 65535}
	r, _, err := c.Exchange(m, addr)
	if err != nil {
		t.Fatalf("%s query %s: %v", network, m.Question[0].String(), err)
	}
	if r.Id != m.Id || !r.Response {
		t.Fatalf("answer ID %d response %v for query %d", r.Id, r.Response, m.Id)
	}
	return r
}

// rrs renders records as "owner ttl TYPE rdata" lines.
func rrs(records []dns.RR) []string {
	var out []string
	for _, rr := range records {
		hdr := rr.Header()
		rdata := strings.TrimPrefix(rr.String(), hdr.String())
		out = append(out, fmt.Sprintf("%s %d %s %s", hdr.Name, hdr.Ttl, dns.TypeToString[hdr.Rrtype], rdata))
	}
	return out
}

func aliasTo(name string, typ types.RRType, zone, target string) *types.ResourceRecordSet {
	return &types.ResourceRecordSet{Name: aws.String(name), Type: typ, AliasTarget: &types.AliasTarget{
		HostedZoneId: aws.String(zone), DNSName: aws.String(target),
	}}
}

// stubResolver answers alias targets outside the zones, as the load
// balancer service will.
type stubResolver map[string][]netip.Addr

func (s stubResolver) Resolve(_ context.Context, name string) ([]netip.Addr, bool) {
	a, ok := s[name]
	return a, ok
}

// dnsZone fills example.com with a record of every served type, a
// wildcard, a CNAME chain, aliases, a delegation and a large TXT set.
func (h *harness) dnsZone(t testing.TB) string {
	t.Helper()
	id := h.createZone(t, "example.com")
	var big []string
	for i := range 30 {
		big = append(big, fmt.Sprintf(`"%02d%s"`, i, strings.Repeat("x", 98)))
	}
	c := func(rs *types.ResourceRecordSet) types.Change { return change(types.ChangeActionCreate, rs) }
	h.mustApply(t, id,
		c(set("www.example.com", types.RRTypeA, 300, "192.0.2.1", "192.0.2.2")),
		c(set("www.example.com", types.RRTypeAaaa, 300, "2001:db8::1")),
		c(set("txt.example.com", types.RRTypeTxt, 120, `"hello world"`, `"v=1" "two"`)),
		c(set("mail.example.com", types.RRTypeMx, 300, "10 mx.example.com.")),
		c(set("mx.example.com", types.RRTypeA, 300, "192.0.2.25")),
		c(set("_sip._tcp.example.com", types.RRTypeSrv, 300, "10 5 5060 sip.example.com.")),
		c(set("1.2.0.192.in-addr.example.com", types.RRTypePtr, 300, "www.example.com.")),
		c(set("example.com", types.RRTypeCaa, 300, `0 issue "letsencrypt.org"`)),
		c(set("*.wild.example.com", types.RRTypeA, 60, "192.0.2.99")),
		c(set("c1.example.com", types.RRTypeCname, 30, "c2.example.com")),
		c(set("c2.example.com", types.RRTypeCname, 40, "www.example.com.")),
		c(set("ext.example.com", types.RRTypeCname, 300, "www.example.net.")),
		c(set("c3.example.com", types.RRTypeCname, 300, "missing.example.com.")),
		c(set("a.b.deep.example.com", types.RRTypeA, 300, "192.0.2.50")),
		c(set("sub.example.com", types.RRTypeNs, 3600, "ns1.sub.example.com.")),
		c(set("ns1.sub.example.com", types.RRTypeA, 3600, "192.0.2.53")),
		c(set("big.example.com", types.RRTypeTxt, 300, big...)),
	)
	h.mustApply(t, id,
		c(aliasTo("alias.example.com", types.RRTypeA, id, "www.example.com")),
		c(aliasTo("example.com", types.RRTypeA, id, "www.example.com")),
		c(aliasTo("lb.example.com", types.RRTypeA, "Z35SXDOTRQ7X7K", "my-lb-1.us-east-1.elb.amazonaws.com")),
		c(aliasTo("lb.example.com", types.RRTypeAaaa, "Z35SXDOTRQ7X7K", "my-lb-1.us-east-1.elb.amazonaws.com")),
	)
	return id
}
