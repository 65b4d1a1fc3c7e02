package route53_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	r53 "github.com/drydock-sandbox/drydock/fakeaws/route53"
	"github.com/miekg/dns"
)

// BenchmarkChangeResourceRecordSetsUpsert is one UPSERT through the SDK:
// signing, HTTP, decoding, the batch checks and one store commit.
func BenchmarkChangeResourceRecordSetsUpsert(b *testing.B) {
	h := start(b)
	id := h.createZone(b, "example.com")
	for i := range 100 {
		h.mustApply(b, id, change(types.ChangeActionCreate, set(fmt.Sprintf("h%d.example.com", i), types.RRTypeA, 60, "192.0.2.1")))
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		h.mustApply(b, id, change(types.ChangeActionUpsert, set("www.example.com", types.RRTypeA, 60, fmt.Sprintf("192.0.2.%d", i%250+1))))
		i++
	}
}

// BenchmarkDNSQueryA is one A query over UDP on loopback.
func BenchmarkDNSQueryA(b *testing.B) {
	h := start(b)
	h.dnsZone(b)
	addr := h.serveDNS(b, r53.DNSConfig{})
	c := &dns.Client{Net: "udp", Timeout: 5 * time.Second}
	m := new(dns.Msg)
	m.SetQuestion("www.example.com.", dns.TypeA)
	b.ReportAllocs()
	for b.Loop() {
		r, _, err := c.Exchange(m, addr)
		if err != nil || len(r.Answer) != 2 {
			b.Fatalf("answer %v: %v", r, err)
		}
	}
}

// BenchmarkDNSAnswerA is the handler alone, without the network.
func BenchmarkDNSAnswerA(b *testing.B) {
	h := start(b)
	h.dnsZone(b)
	srv := r53.NewDNSServer(h.srv.Route53(), r53.DNSConfig{})
	m := new(dns.Msg)
	m.SetQuestion("www.example.com.", dns.TypeA)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if r := srv.Answer(ctx, m, false); len(r.Answer) != 2 {
			b.Fatalf("answer %v", r)
		}
	}
}
