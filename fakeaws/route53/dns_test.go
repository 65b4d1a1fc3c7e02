package route53_test

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	r53 "github.com/drydock-sandbox/drydock/fakeaws/route53"
	"github.com/miekg/dns"
)

func TestDNSAnswers(t *testing.T) {
	h := start(t)
	h.dnsZone(t)
	addr := h.serveDNS(t, r53.DNSConfig{Resolver: stubResolver{
		"my-lb-1.us-east-1.elb.amazonaws.com.": {netip.MustParseAddr("198.51.100.7"), netip.MustParseAddr("2001:db8::7")},
	}})
	tests := []struct {
		name  string
		qname string
		qtype uint16
		want  []string
	}{
		{"A", "www.example.com.", dns.TypeA, []string{"www.example.com. 300 A 192.0.2.1", "www.example.com. 300 A 192.0.2.2"}},
		{"AAAA", "www.example.com.", dns.TypeAAAA, []string{"www.example.com. 300 AAAA 2001:db8::1"}},
		{"TXT", "txt.example.com.", dns.TypeTXT, []string{`txt.example.com. 120 TXT "hello world"`, `txt.example.com. 120 TXT "v=1" "two"`}},
		{"MX", "mail.example.com.", dns.TypeMX, []string{"mail.example.com. 300 MX 10 mx.example.com."}},
		{"SRV", "_sip._tcp.example.com.", dns.TypeSRV, []string{"_sip._tcp.example.com. 300 SRV 10 5 5060 sip.example.com."}},
		{"PTR", "1.2.0.192.in-addr.example.com.", dns.TypePTR, []string{"1.2.0.192.in-addr.example.com. 300 PTR www.example.com."}},
		{"CAA", "example.com.", dns.TypeCAA, []string{`example.com. 300 CAA 0 issue "letsencrypt.org"`}},
		{"CNAME asked", "c2.example.com.", dns.TypeCNAME, []string{"c2.example.com. 40 CNAME www.example.com."}},
		{"case kept", "WwW.ExAmPlE.cOm.", dns.TypeA, []string{"WwW.ExAmPlE.cOm. 300 A 192.0.2.1", "WwW.ExAmPlE.cOm. 300 A 192.0.2.2"}},
		{"wildcard", "x.wild.example.com.", dns.TypeA, []string{"x.wild.example.com. 60 A 192.0.2.99"}},
		{"wildcard two labels deep", "y.x.wild.example.com.", dns.TypeA, []string{"y.x.wild.example.com. 60 A 192.0.2.99"}},
		{"CNAME chain", "c1.example.com.", dns.TypeA, []string{
			"c1.example.com. 30 CNAME c2.example.com.", "c2.example.com. 40 CNAME www.example.com.",
			"www.example.com. 300 A 192.0.2.1", "www.example.com. 300 A 192.0.2.2",
		}},
		{"CNAME out of the zones", "ext.example.com.", dns.TypeA, []string{"ext.example.com. 300 CNAME www.example.net."}},
		{"alias to a record", "alias.example.com.", dns.TypeA, []string{"alias.example.com. 300 A 192.0.2.1", "alias.example.com. 300 A 192.0.2.2"}},
		{"alias at the apex", "example.com.", dns.TypeA, []string{"example.com. 300 A 192.0.2.1", "example.com. 300 A 192.0.2.2"}},
		{"alias to a load balancer", "lb.example.com.", dns.TypeA, []string{"lb.example.com. 60 A 198.51.100.7"}},
		{"alias AAAA to a load balancer", "lb.example.com.", dns.TypeAAAA, []string{"lb.example.com. 60 AAAA 2001:db8::7"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, network := range []string{"udp", "tcp"} {
				r := query(t, addr, network, tc.qname, tc.qtype)
				if r.Rcode != dns.RcodeSuccess || !r.Authoritative || r.Truncated || r.RecursionAvailable {
					t.Errorf("%s: rcode %s AA %v TC %v RA %v", network, dns.RcodeToString[r.Rcode], r.Authoritative, r.Truncated, r.RecursionAvailable)
				}
				if got := rrs(r.Answer); strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
					t.Errorf("%s answer:\n%s\nwant\n%s", network, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
				}
			}
		})
	}
}

func TestDNSNegativeAnswers(t *testing.T) {
	h := start(t)
	id := h.dnsZone(t)
	wantSOA := ""
	for _, s := range h.sets(t, id) {
		if s.Type == types.RRTypeSoa {
			wantSOA = "example.com. 900 SOA " + *s.ResourceRecords[0].Value
		}
	}
	addr := h.serveDNS(t, r53.DNSConfig{})
	tests := []struct {
		name   string
		qname  string
		qtype  uint16
		rcode  int
		answer int
	}{
		{"NXDOMAIN", "nope.example.com.", dns.TypeA, dns.RcodeNameError, 0},
		{"NODATA for another type", "www.example.com.", dns.TypeMX, dns.RcodeSuccess, 0},
		{"NODATA at an empty non-terminal", "b.deep.example.com.", dns.TypeA, dns.RcodeSuccess, 0},
		{"no wildcard below an existing name", "x.b.deep.example.com.", dns.TypeA, dns.RcodeNameError, 0},
		{"NODATA from a wildcard", "x.wild.example.com.", dns.TypeTXT, dns.RcodeSuccess, 0},
		{"alias without a resolver", "lb.example.com.", dns.TypeA, dns.RcodeSuccess, 0},
		{"CNAME to a missing name", "c3.example.com.", dns.TypeA, dns.RcodeNameError, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := query(t, addr, "udp", tc.qname, tc.qtype)
			if r.Rcode != tc.rcode || !r.Authoritative || len(r.Answer) != tc.answer {
				t.Errorf("rcode %s AA %v answer %q", dns.RcodeToString[r.Rcode], r.Authoritative, rrs(r.Answer))
			}
			if got := rrs(r.Ns); len(got) != 1 || got[0] != wantSOA {
				t.Errorf("authority %q, want %q", got, wantSOA)
			}
		})
	}
}

func TestDNSRefusedAndReferral(t *testing.T) {
	h := start(t)
	h.dnsZone(t)
	addr := h.serveDNS(t, r53.DNSConfig{})
	r := query(t, addr, "udp", "www.example.org.", dns.TypeA)
	if r.Rcode != dns.RcodeRefused || r.Authoritative || len(r.Answer) != 0 {
		t.Errorf("a name in no zone: rcode %s AA %v", dns.RcodeToString[r.Rcode], r.Authoritative)
	}
	r = query(t, addr, "udp", "host.sub.example.com.", dns.TypeA)
	if r.Rcode != dns.RcodeSuccess || r.Authoritative || len(r.Answer) != 0 {
		t.Errorf("below a delegation: rcode %s AA %v answer %q", dns.RcodeToString[r.Rcode], r.Authoritative, rrs(r.Answer))
	}
	if ns, glue := rrs(r.Ns), rrs(r.Extra); len(ns) != 1 || ns[0] != "sub.example.com. 3600 NS ns1.sub.example.com." || len(glue) != 1 || glue[0] != "ns1.sub.example.com. 3600 A 192.0.2.53" {
		t.Errorf("referral: authority %q additional %q", ns, glue)
	}
	// A server for another account serves none of these zones.
	other := h.serveDNS(t, r53.DNSConfig{Account: otherAccount})
	if r := query(t, other, "udp", "www.example.com.", dns.TypeA); r.Rcode != dns.RcodeRefused {
		t.Errorf("another account's server: %s", dns.RcodeToString[r.Rcode])
	}
	// Not a query, or not for class IN.
	m := new(dns.Msg)
	m.SetQuestion("www.example.com.", dns.TypeA)
	m.Question[0].Qclass = dns.ClassCHAOS
	if r := exchange(t, addr, "udp", m); r.Rcode != dns.RcodeRefused {
		t.Errorf("CHAOS query: %s", dns.RcodeToString[r.Rcode])
	}
	m = new(dns.Msg)
	m.SetQuestion("example.com.", dns.TypeAXFR)
	if r := exchange(t, addr, "tcp", m); r.Rcode != dns.RcodeRefused {
		t.Errorf("AXFR: %s", dns.RcodeToString[r.Rcode])
	}
}

// TestDNSTruncation: an answer too large for UDP comes back with TC set,
// and whole over TCP or with a large enough EDNS0 buffer.
func TestDNSTruncation(t *testing.T) {
	h := start(t)
	h.dnsZone(t)
	addr := h.serveDNS(t, r53.DNSConfig{})
	udp := query(t, addr, "udp", "big.example.com.", dns.TypeTXT)
	if !udp.Truncated || len(udp.Answer) >= 30 {
		t.Errorf("UDP without EDNS0: TC %v with %d answers", udp.Truncated, len(udp.Answer))
	}
	udp.Compress = true // as the server sent it
	if size := udp.Len(); size > dns.MinMsgSize {
		t.Errorf("UDP answer of %d octets, more than 512", size)
	}
	tcp := query(t, addr, "tcp", "big.example.com.", dns.TypeTXT)
	if tcp.Truncated || len(tcp.Answer) != 30 {
		t.Errorf("TCP: TC %v with %d answers, want 30", tcp.Truncated, len(tcp.Answer))
	}
	m := new(dns.Msg)
	m.SetQuestion("big.example.com.", dns.TypeTXT)
	m.SetEdns0(4096, false)
	edns := exchange(t, addr, "udp", m)
	opt := edns.IsEdns0()
	if edns.Truncated || len(edns.Answer) != 30 || opt == nil || opt.UDPSize() != 1232 {
		t.Errorf("UDP with a 4096-octet buffer: TC %v, %d answers, OPT %v", edns.Truncated, len(edns.Answer), opt)
	}
	m = new(dns.Msg)
	m.SetQuestion("www.example.com.", dns.TypeA)
	m.SetEdns0(1232, false)
	m.IsEdns0().SetVersion(1)
	if r := exchange(t, addr, "udp", m); r.Rcode != dns.RcodeBadVers {
		t.Errorf("EDNS version 1: %s, want BADVERS", dns.RcodeToString[r.Rcode])
	}
}

// TestDNSPrivateZones: with a public and a private zone of one name the
// server answers from the public one, unless told the client's VPC.
func TestDNSPrivateZones(t *testing.T) {
	h := start(t)
	public := h.createZone(t, "example.com")
	h.mustApply(t, public, change(types.ChangeActionCreate, set("www.example.com", types.RRTypeA, 60, "203.0.113.1")))
	out := must[*route53.CreateHostedZoneOutput](t)(h.r53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{
		Name: aws.String("example.com"), CallerReference: aws.String("private"),
		VPC: &types.VPC{VPCId: aws.String("vpc-0aaaaaaaaaaaaaaaa"), VPCRegion: types.VPCRegionUsEast1},
	}))
	private := bare(*out.HostedZone.Id)
	h.mustApply(t, private,
		change(types.ChangeActionCreate, set("www.example.com", types.RRTypeA, 60, "10.0.0.1")),
		change(types.ChangeActionCreate, set("db.example.com", types.RRTypeA, 60, "10.0.0.2")),
	)
	tests := []struct {
		vpc, qname string
		rcode      int
		want       string
	}{
		{"", "www.example.com.", dns.RcodeSuccess, "www.example.com. 60 A 203.0.113.1"},
		{"", "db.example.com.", dns.RcodeNameError, ""},
		{"vpc-0aaaaaaaaaaaaaaaa", "www.example.com.", dns.RcodeSuccess, "www.example.com. 60 A 10.0.0.1"},
		{"vpc-0aaaaaaaaaaaaaaaa", "db.example.com.", dns.RcodeSuccess, "db.example.com. 60 A 10.0.0.2"},
		{"vpc-0bbbbbbbbbbbbbbbb", "www.example.com.", dns.RcodeSuccess, "www.example.com. 60 A 203.0.113.1"},
	}
	for _, tc := range tests {
		t.Run(tc.vpc+" "+tc.qname, func(t *testing.T) {
			addr := h.serveDNS(t, r53.DNSConfig{VPC: tc.vpc})
			r := query(t, addr, "udp", tc.qname, dns.TypeA)
			if got := strings.Join(rrs(r.Answer), "\n"); r.Rcode != tc.rcode || got != tc.want {
				t.Errorf("rcode %s answer %q, want %s %q", dns.RcodeToString[r.Rcode], got, dns.RcodeToString[tc.rcode], tc.want)
			}
		})
	}
}

// TestDNSSeesChanges: the server answers from the store, so a change is
// visible at once.
func TestDNSSeesChanges(t *testing.T) {
	h := start(t)
	id := h.createZone(t, "example.com")
	addr := h.serveDNS(t, r53.DNSConfig{})
	if r := query(t, addr, "udp", "new.example.com.", dns.TypeA); r.Rcode != dns.RcodeNameError {
		t.Fatalf("before: %s", dns.RcodeToString[r.Rcode])
	}
	h.mustApply(t, id, change(types.ChangeActionUpsert, set("new.example.com", types.RRTypeA, 60, "192.0.2.10")))
	if got := rrs(query(t, addr, "udp", "new.example.com.", dns.TypeA).Answer); len(got) != 1 || got[0] != "new.example.com. 60 A 192.0.2.10" {
		t.Errorf("after UPSERT: %q", got)
	}
	weighted := func(sid string, w int64, ip string) *types.ResourceRecordSet {
		rs := set("w.example.com", types.RRTypeA, 60, ip)
		rs.SetIdentifier, rs.Weight = aws.String(sid), aws.Int64(w)
		return rs
	}
	h.mustApply(t, id, change(types.ChangeActionCreate, weighted("a", 10, "192.0.2.21")), change(types.ChangeActionCreate, weighted("b", 90, "192.0.2.22")))
	if got := rrs(query(t, addr, "udp", "w.example.com.", dns.TypeA).Answer); len(got) != 1 || got[0] != "w.example.com. 60 A 192.0.2.22" {
		t.Errorf("weighted: %q, want the heaviest set", got)
	}
}
