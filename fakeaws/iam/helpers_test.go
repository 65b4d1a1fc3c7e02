package iam_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/drydock-sandbox/drydock/fakeaws"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
	"k8s.io/utils/clock"
	clocktesting "k8s.io/utils/clock/testing"
)

// epoch is the fake clock's start; every CreateDate in these tests is it.
var epoch = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

const (
	account      = fakeaws.DefaultAccount
	otherAccount = "210987654321"
	// trustPolicy has a space so that the tests see how it is encoded.
	trustPolicy = `{"Version": "2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	s3Policy    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k%3Ax"}]}`
)

var (
	reRoleID    = regexp.MustCompile(`^AROA[A-Z2-7]{17}$`)
	reProfileID = regexp.MustCompile(`^AIPA[A-Z2-7]{17}$`)
)

type harness struct {
	srv *fakeawstest.Server
	clk *clocktesting.FakeClock
	iam *iam.Client
}

// start runs fakeaws with a seeded ID source and a fake clock, and an IAM
// client for the default account.
func start(t *testing.T, opts ...fakeaws.Option) *harness {
	t.Helper()
	clk := clocktesting.NewFakeClock(epoch)
	opts = append([]fakeaws.Option{fakeaws.WithSeed(1), fakeaws.WithClock(clk)}, opts...)
	srv := fakeawstest.Start(t, opts...)
	return &harness{srv: srv, clk: clk, iam: iamClient(srv.Config(), clk)}
}

func iamClient(cfg aws.Config, clk clock.PassiveClock) *iam.Client {
	return iam.NewFromConfig(cfg, func(o *iam.Options) { o.HTTPSignerV4 = fakeawstest.NewClockSigner(clk) })
}

func stsClient(cfg aws.Config, clk clock.PassiveClock) *sts.Client {
	return sts.NewFromConfig(cfg, func(o *sts.Options) { o.HTTPSignerV4 = fakeawstest.NewClockSigner(clk) })
}

// outcome is the result of an SDK call, for call(client.X(ctx, in)).must(t).
type outcome[T any] struct {
	v   T
	err error
}

func call[T any](v T, err error) outcome[T] { return outcome[T]{v, err} }

// must returns the call's output or fails the test.
func (o outcome[T]) must(t *testing.T) T {
	t.Helper()
	if o.err != nil {
		t.Fatal(o.err)
	}
	return o.v
}

// decode URL-decodes a policy document as IAM's clients do.
func decode(t *testing.T, doc *string) string {
	t.Helper()
	if doc == nil {
		t.Fatal("policy document missing")
	}
	s, err := url.PathUnescape(*doc)
	if err != nil {
		t.Fatalf("policy document %q is not URL-encoded: %v", *doc, err)
	}
	return s
}

func (h *harness) createRole(t *testing.T, name, path string) *iam.CreateRoleOutput {
	t.Helper()
	in := &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(trustPolicy)}
	if path != "" {
		in.Path = aws.String(path)
	}
	return call(h.iam.CreateRole(context.Background(), in)).must(t)
}

func (h *harness) createProfile(t *testing.T, name string) *iam.CreateInstanceProfileOutput {
	t.Helper()
	return call(h.iam.CreateInstanceProfile(context.Background(), &iam.CreateInstanceProfileInput{InstanceProfileName: aws.String(name)})).must(t)
}

// raw sends a form body to IAM, signed for the default account, and
// returns the status and body of the answer.
func (h *harness) raw(t *testing.T, form string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, h.srv.URL+"/", strings.NewReader(form))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	sum := sha256.Sum256([]byte(form))
	creds := aws.Credentials{AccessKeyID: fakeaws.DefaultAccessKey, SecretAccessKey: fakeaws.DefaultSecret}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), "iam", "us-east-1", h.clk.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := h.srv.HTTP.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, resp.Body); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, buf.String()
}

// wantErr asserts the AWS error code, HTTP status and (unless empty) message.
func wantErr(t testing.TB, err error, code string, status int, msg string) {
	t.Helper()
	fakeawstest.WantAPIError(t, err, code, status, msg)
}
