package s3_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/drydock-sandbox/drydock/fakeaws"
)

// dialServer is an HTTP client that connects to the test server whatever
// host name a URL has, so that bucket.localhost resolves.
func (h *harness) dialServer(t testing.TB) *http.Client {
	t.Helper()
	addr := h.srv.HTTP.Listener.Addr().String()
	return &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		},
	}}
}

// virtualClient is a virtual-host-style client: requests go to
// BUCKET.localhost:PORT.
func (h *harness) virtualClient(t testing.TB) *s3.Client {
	t.Helper()
	cfg := h.srv.Config()
	cfg.BaseEndpoint = aws.String(strings.Replace(h.srv.URL, "127.0.0.1", "localhost", 1))
	cfg.HTTPClient = h.dialServer(t)
	return client(cfg, h.clk, func(o *s3.Options) { o.UsePathStyle = false })
}

func TestVirtualHostAddressing(t *testing.T) {
	h := start(t)
	vh := h.virtualClient(t)
	var hosts []string
	cfg := h.srv.Config()
	cfg.BaseEndpoint = aws.String(strings.Replace(h.srv.URL, "127.0.0.1", "localhost", 1))
	cfg.HTTPClient = recordHosts(h.dialServer(t), &hosts)
	rec := client(cfg, h.clk, func(o *s3.Options) { o.UsePathStyle = false })

	must[*s3.CreateBucketOutput](t)(vh.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("vhost")}))
	must[*s3.PutObjectOutput](t)(rec.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("vhost"), Key: aws.String("dir/a b+c"), Body: strings.NewReader("v")}))
	if len(hosts) != 1 || !strings.HasPrefix(hosts[0], "vhost.localhost:") {
		t.Fatalf("requests went to %q, want vhost.localhost", hosts)
	}
	// Path-style sees what virtual-host style wrote, and the reverse.
	if got := h.body(t, "vhost", "dir/a b+c"); got != "v" {
		t.Errorf("path-style read = %q", got)
	}
	h.put(t, "vhost", "p", "path")
	out := must[*s3.GetObjectOutput](t)(vh.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("vhost"), Key: aws.String("p")}))
	b, _ := io.ReadAll(out.Body)
	out.Body.Close()
	if string(b) != "path" {
		t.Errorf("virtual-host read = %q", b)
	}
	list := must[*s3.ListObjectsV2Output](t)(vh.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("vhost")}))
	if aws.ToInt32(list.KeyCount) != 2 {
		t.Errorf("virtual-host list = %d keys", aws.ToInt32(list.KeyCount))
	}
}

type hostRecorder struct {
	rt    http.RoundTripper
	hosts *[]string
}

func (h hostRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	*h.hosts = append(*h.hosts, r.URL.Host)
	return h.rt.RoundTrip(r)
}

func recordHosts(c *http.Client, hosts *[]string) *http.Client {
	return &http.Client{Transport: hostRecorder{c.Transport, hosts}}
}

// TestHostStyles sends raw requests with the Host header of each S3
// addressing style and checks which bucket answers.
func TestHostStyles(t *testing.T) {
	h := start(t, fakeaws.WithAuth(false), fakeaws.WithS3VirtualHosts("s3.drydock.test"))
	h.createBucket(t, "hosted")
	h.put(t, "hosted", "key", "found")
	cases := []struct {
		host, path string
		status     int
	}{
		{"hosted.s3.amazonaws.com", "/key", 200},
		{"hosted.s3.us-east-1.amazonaws.com", "/key", 200},
		{"hosted.s3-us-east-1.amazonaws.com", "/key", 200},
		{"hosted.s3.dualstack.us-east-1.amazonaws.com", "/key", 200},
		{"hosted.localhost:4566", "/key", 200},
		{"hosted.s3.drydock.test", "/key", 200},
		{"s3.amazonaws.com", "/hosted/key", 200},
		{"s3.us-west-2.amazonaws.com", "/hosted/key", 200},
		{"localhost:4566", "/hosted/key", 200},
		{"127.0.0.1", "/hosted/key", 200},
		{"other.s3.amazonaws.com", "/key", 404},
		{"s3.amazonaws.com", "/hosted/missing", 404},
	}
	for _, c := range cases {
		t.Run(c.host+c.path, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, h.srv.URL+c.path, nil)
			req.Host = c.host
			resp, err := h.srv.HTTP.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != c.status {
				t.Fatalf("status %d (%s), want %d", resp.StatusCode, body, c.status)
			}
			if c.status == 200 && string(body) != "found" {
				t.Errorf("body %q", body)
			}
		})
	}
}
