// Package fakeawstest starts fakeaws on loopback for tests and gives an
// aws.Config for the real aws-sdk-go-v2 clients pointed at it.
package fakeawstest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/drydock-sandbox/drydock/fakeaws"
	"github.com/drydock-sandbox/drydock/internal/awshttp"
)

// Server is a running fakeaws.
type Server struct {
	*fakeaws.Server
	HTTP *httptest.Server
	URL  string
}

// Start starts fakeaws with opts on 127.0.0.1 and stops it when the test
// ends. State is in memory unless opts name a data directory.
func Start(t testing.TB, opts ...fakeaws.Option) *Server {
	t.Helper()
	srv, err := fakeaws.New(opts...)
	if err != nil {
		t.Fatalf("fakeaws.New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := srv.Start(ctx); err != nil {
		cancel()
		t.Fatalf("fakeaws start: %v", err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(func() {
		hs.Close()
		cancel()
		_ = srv.Close()
	})
	return &Server{Server: srv, HTTP: hs, URL: hs.URL}
}

// Config returns an aws.Config for the default test/test credentials in
// us-east-1.
func (s *Server) Config() aws.Config {
	return s.ConfigFor(fakeaws.DefaultAccessKey, fakeaws.DefaultSecret, "")
}

// ConfigFor returns an aws.Config with the given credentials.
func (s *Server) ConfigFor(accessKey, secret, sessionToken string) aws.Config {
	return aws.Config{
		Region:       fakeaws.DefaultRegion,
		BaseEndpoint: aws.String(s.URL),
		Credentials:  credentials.NewStaticCredentialsProvider(accessKey, secret, sessionToken),
		HTTPClient:   &http.Client{Transport: awshttp.BufferedBody(s.HTTP.Client().Transport)},
		// No retries: a test must see the first answer.
		RetryMaxAttempts: 1,
	}
}
