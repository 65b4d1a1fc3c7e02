package integration

import (
	"context"
	"net"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/miekg/dns"
)

// TestServeDNS: `serve --dns-addr` answers the records written through the
// Route53 API, as a resolver pointed at it would see them.
func TestServeDNS(t *testing.T) {
	integration(t)
	s := startServer(t, "--in-memory", "--dns-addr", "127.0.0.1:0", "--speed", "0")
	m := regexp.MustCompile(`answer DNS on (127\.0\.0\.1:\d+)`).FindStringSubmatch(s.Stderr())
	if m == nil {
		t.Fatalf("stderr does not name the DNS address:\n%s", s.Stderr())
	}
	dnsAddr := m[1]

	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	r53 := route53.NewFromConfig(aws.Config{
		Region:           "us-east-1",
		BaseEndpoint:     aws.String(s.Endpoint),
		Credentials:      credentials.NewStaticCredentialsProvider("test", "test", ""),
		HTTPClient:       &http.Client{Transport: tr},
		RetryMaxAttempts: 1,
	})
	ctx := context.Background()
	zone, err := r53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String("k8s.example.com"), CallerReference: aws.String("r1")})
	if err != nil {
		t.Fatal(err)
	}
	_, err = r53.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{
		HostedZoneId: zone.HostedZone.Id,
		ChangeBatch: &types.ChangeBatch{Changes: []types.Change{{
			Action: types.ChangeActionCreate,
			ResourceRecordSet: &types.ResourceRecordSet{
				Name: aws.String("api.k8s.example.com"), Type: types.RRTypeA, TTL: aws.Int64(60),
				ResourceRecords: []types.ResourceRecord{{Value: aws.String("203.0.113.123")}},
			},
		}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, network := range []string{"udp", "tcp"} {
		c := &dns.Client{Net: network, Timeout: 5 * time.Second}
		q := new(dns.Msg).SetQuestion("api.k8s.example.com.", dns.TypeA)
		in, _, err := c.Exchange(q, dnsAddr)
		if err != nil {
			t.Fatalf("%s query: %v", network, err)
		}
		if !in.Authoritative || len(in.Answer) != 1 {
			t.Fatalf("%s answer: %v", network, in)
		}
		if a, ok := in.Answer[0].(*dns.A); !ok || !a.A.Equal(net.ParseIP("203.0.113.123")) {
			t.Errorf("%s answer = %v, want A 203.0.113.123", network, in.Answer[0])
		}
		q = new(dns.Msg).SetQuestion("missing.k8s.example.com.", dns.TypeA)
		in, _, err = c.Exchange(q, dnsAddr)
		if err != nil {
			t.Fatal(err)
		}
		if in.Rcode != dns.RcodeNameError || len(in.Ns) != 1 || in.Ns[0].Header().Rrtype != dns.TypeSOA {
			t.Errorf("%s missing name: rcode %s, authority %v; want NXDOMAIN with the SOA", network, dns.RcodeToString[in.Rcode], in.Ns)
		}
	}
}
