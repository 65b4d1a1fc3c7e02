package s3_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
)

func TestPresignedURLs(t *testing.T) {
	h := start(t)
	h.createBucket(t, "presign-bucket")
	pc := s3.NewPresignClient(h.s3, func(o *s3.PresignOptions) { o.Presigner = fakeawstest.ClockSigner{Signer: newS3Signer(), Clock: h.clk} })
	hc := h.srv.HTTP.Client()

	put := must[*v4.PresignedHTTPRequest](t)(pc.PresignPutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("presign-bucket"), Key: aws.String("up/loaded file.txt")},
		s3.WithPresignExpires(15*time.Minute)))
	req, _ := http.NewRequest(put.Method, put.URL, strings.NewReader("via presigned PUT"))
	for k, v := range put.SignedHeader {
		req.Header[k] = v
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") != md5ETag("via presigned PUT") {
		t.Fatalf("presigned PUT: %d ETag %s", resp.StatusCode, resp.Header.Get("ETag"))
	}

	get := must[*v4.PresignedHTTPRequest](t)(pc.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("presign-bucket"), Key: aws.String("up/loaded file.txt")},
		s3.WithPresignExpires(15*time.Minute)))
	resp, err = hc.Get(get.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(body) != "via presigned PUT" {
		t.Fatalf("presigned GET: %d %q", resp.StatusCode, body)
	}

	// Tampering and expiry are refused.
	resp, err = hc.Get(strings.Replace(get.URL, "loaded", "LOADED", 1))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("tampered URL: %d, want 403", resp.StatusCode)
	}
	h.clk.Step(16 * time.Minute)
	resp, err = hc.Get(get.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(body), "Request has expired") {
		t.Errorf("expired URL: %d %s", resp.StatusCode, body)
	}
}
