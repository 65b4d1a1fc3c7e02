package integration

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// clients are SDK clients of one server and one set of credentials.
type clients struct {
	S3  *s3.Client
	IAM *iam.Client
	STS *sts.Client
}

// newClients returns SDK clients for endpoint signed with the given
// credentials, in us-east-1, path-style, without retries (a test must see
// the first answer), on their own connection pool, whose idle connections
// are closed when the test ends. (Go's http.Server.Shutdown waits up to 5
// seconds for a connection that was opened but never sent a request, which
// a pool may hold.)
func newClients(t *testing.T, endpoint, accessKey, secret, token string) clients {
	tr := &http.Transport{MaxIdleConnsPerHost: 16}
	t.Cleanup(tr.CloseIdleConnections)
	cfg := aws.Config{
		Region:           "us-east-1",
		BaseEndpoint:     aws.String(endpoint),
		Credentials:      credentials.NewStaticCredentialsProvider(accessKey, secret, token),
		HTTPClient:       &http.Client{Transport: tr, Timeout: 60 * time.Second},
		RetryMaxAttempts: 1,
	}
	return clients{
		S3:  s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }),
		IAM: iam.NewFromConfig(cfg),
		STS: sts.NewFromConfig(cfg),
	}
}

// defaultClients are clients with the default test/test key.
func (s *server) defaultClients() clients { return newClients(s.t, s.Endpoint, "test", "test", "") }

// trapProxy is an HTTP(S) proxy that refuses every request and records the
// hosts asked for. Child processes get it as HTTP_PROXY and HTTPS_PROXY
// with loopback exempted, so anything trying to reach the internet fails
// and is reported.
type trapProxy struct {
	URL   string
	mu    sync.Mutex
	hosts map[string]int
}

func startTrapProxy(t *testing.T) *trapProxy {
	t.Helper()
	p := &trapProxy{hosts: map[string]int{}}
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.hosts[r.Method+" "+r.Host]++
		p.mu.Unlock()
		http.Error(w, "drydock integration test: no internet", http.StatusForbidden)
	}))
	t.Cleanup(hs.Close)
	p.URL = hs.URL
	return p
}

// Env is the proxy environment for a child process.
func (p *trapProxy) Env() []string {
	return []string{
		"HTTP_PROXY=" + p.URL, "HTTPS_PROXY=" + p.URL, "http_proxy=" + p.URL, "https_proxy=" + p.URL,
		"NO_PROXY=127.0.0.1,localhost", "no_proxy=127.0.0.1,localhost",
	}
}

// Check fails t if anything went through the proxy.
func (p *trapProxy) Check(t *testing.T) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.hosts) == 0 {
		return
	}
	var hosts []string
	for h := range p.hosts {
		hosts = append(hosts, h)
	}
	sort.Strings(hosts)
	t.Errorf("tried to reach the internet (through the trap proxy): %v", hosts)
}

// decodePolicy undoes the URL encoding IAM applies to policy documents in
// its answers (the SDK hands them over encoded).
func decodePolicy(doc string) string {
	if d, err := url.PathUnescape(doc); err == nil {
		return d
	}
	return doc
}

// sameJSON reports whether two JSON documents hold the same value.
func sameJSON(a, b string) bool {
	var va, vb any
	if json.Unmarshal([]byte(a), &va) != nil || json.Unmarshal([]byte(b), &vb) != nil {
		return false
	}
	return reflect.DeepEqual(va, vb)
}
