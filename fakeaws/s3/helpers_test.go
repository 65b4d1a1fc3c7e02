package s3_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	"github.com/drydock-sandbox/drydock/fakeaws"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
	"k8s.io/utils/clock"
	clocktesting "k8s.io/utils/clock/testing"
)

// epoch is the fake clock's start.
var epoch = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

const otherAccount = "210987654321"

var ctx = context.Background()

type harness struct {
	srv *fakeawstest.Server
	clk *clocktesting.FakeClock
	s3  *s3.Client
}

// start runs fakeaws with a seeded ID source and a fake clock, and a
// path-style S3 client for the default account.
func start(t testing.TB, opts ...fakeaws.Option) *harness {
	t.Helper()
	clk := clocktesting.NewFakeClock(epoch)
	opts = append([]fakeaws.Option{fakeaws.WithSeed(1), fakeaws.WithClock(clk)}, opts...)
	srv := fakeawstest.Start(t, opts...)
	return &harness{srv: srv, clk: clk, s3: client(srv.Config(), clk)}
}

// client is a path-style S3 client for cfg that signs at clk's time.
func client(cfg aws.Config, clk clock.PassiveClock, optFns ...func(*s3.Options)) *s3.Client {
	return s3.NewFromConfig(cfg, append([]func(*s3.Options){func(o *s3.Options) {
		o.UsePathStyle = true
		o.HTTPSignerV4 = fakeawstest.ClockSigner{Signer: newS3Signer(), Clock: clk}
	}}, optFns...)...)
}

// newS3Signer is the signer the S3 client makes: S3 signs paths as sent.
func newS3Signer() *v4.Signer {
	return v4.NewSigner(func(so *v4.SignerOptions) { so.DisableURIPathEscaping = true })
}

// otherClient is a client for a second account.
func (h *harness) otherClient(t testing.TB) *s3.Client {
	t.Helper()
	return client(h.srv.ConfigFor("AKIDOTHER", "other-secret", ""), h.clk)
}

// withOtherAccount adds an access key of otherAccount.
func withOtherAccount() fakeaws.Option {
	return fakeaws.WithAccessKeys(fakeaws.AccessKey{ID: "AKIDOTHER", Secret: "other-secret", Account: otherAccount})
}

// regional is a client signing for another region.
func (h *harness) regional(region string) *s3.Client {
	cfg := h.srv.Config()
	cfg.Region = region
	return client(cfg, h.clk)
}

// wantErr asserts that err is the AWS error code with the HTTP status.
func wantErr(t testing.TB, err error, code string, status int) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", code)
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("error %v is not an API error", err)
	}
	if ae.ErrorCode() != code {
		t.Fatalf("error code %q (%s), want %q", ae.ErrorCode(), ae.ErrorMessage(), code)
	}
	var re *awshttp.ResponseError
	if errors.As(err, &re) && re.HTTPStatusCode() != status {
		t.Errorf("%s: HTTP status %d, want %d", code, re.HTTPStatusCode(), status)
	}
}

func must[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func (h *harness) createBucket(t testing.TB, name string) {
	t.Helper()
	if _, err := h.s3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatalf("create bucket %s: %v", name, err)
	}
}

func (h *harness) put(t testing.TB, bucket, key, body string) *s3.PutObjectOutput {
	t.Helper()
	out, err := h.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader([]byte(body))})
	if err != nil {
		t.Fatalf("put %s/%s: %v", bucket, key, err)
	}
	return out
}

// get returns an object's body and output.
func (h *harness) get(t testing.TB, in *s3.GetObjectInput) (string, *s3.GetObjectOutput) {
	t.Helper()
	out, err := h.s3.GetObject(ctx, in)
	if err != nil {
		t.Fatalf("get %s/%s: %v", aws.ToString(in.Bucket), aws.ToString(in.Key), err)
	}
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	if err != nil {
		t.Fatalf("read %s/%s: %v", aws.ToString(in.Bucket), aws.ToString(in.Key), err)
	}
	return string(b), out
}

func (h *harness) body(t testing.TB, bucket, key string) string {
	t.Helper()
	b, _ := h.get(t, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	return b
}

// raw sends a signed request for path (with its query) and returns the
// status and body.
func (h *harness) raw(t testing.TB, method, path string, header http.Header, body []byte) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, h.srv.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
	creds, _ := h.srv.Config().Credentials.Retrieve(ctx)
	if err := newS3Signer().SignHTTP(ctx, creds, req, "UNSIGNED-PAYLOAD", "s3", "us-east-1", h.clk.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := h.srv.HTTP.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, data
}
