package fakeaws_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	"github.com/drydock-sandbox/drydock/fakeaws"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
	clocktesting "k8s.io/utils/clock/testing"
)

const (
	defaultAccount = fakeaws.DefaultAccount
	otherAccount   = "210987654321"
	otherKey       = "AKIAOTHERACCOUNT0001"
	otherSecret    = "otherSecretKey/0000000000000000000000000"
)

var otherKeys = fakeaws.WithAccessKeys(fakeaws.AccessKey{ID: otherKey, Secret: otherSecret, Account: otherAccount})

// startAt starts fakeaws whose fake clock reads the real time plus offset:
// the SDK and the AWS CLI sign with the real time, and aws.Config has no
// clock to give them.
func startAt(t testing.TB, offset time.Duration, opts ...fakeaws.Option) (*fakeawstest.Server, *clocktesting.FakeClock) {
	t.Helper()
	clk := clocktesting.NewFakeClock(time.Now().Add(offset))
	srv := fakeawstest.Start(t, append([]fakeaws.Option{fakeaws.WithClock(clk), fakeaws.WithSeed(1)}, opts...)...)
	return srv, clk
}

func stsClient(srv *fakeawstest.Server, ak, secret, token string) *sts.Client {
	return sts.NewFromConfig(srv.ConfigFor(ak, secret, token))
}

func s3Client(srv *fakeawstest.Server, ak, secret, token string) *s3.Client {
	return s3.NewFromConfig(srv.ConfigFor(ak, secret, token), func(o *s3.Options) { o.UsePathStyle = true })
}

func iamClient(srv *fakeawstest.Server, ak, secret, token string) *iam.Client {
	return iam.NewFromConfig(srv.ConfigFor(ak, secret, token))
}

// apiError returns the AWS error code, message and HTTP status of err.
func apiError(t testing.TB, err error) (code, msg string, status int) {
	t.Helper()
	if err == nil {
		t.Fatal("call succeeded, want an error")
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("error %v (%T) is not an API error", err, err)
	}
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		status = re.HTTPStatusCode()
	}
	return ae.ErrorCode(), ae.ErrorMessage(), status
}

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// call is a hand-made HTTP request to fakeaws, optionally signed with the
// SDK's signer, for what the SDK clients cannot be made to send.
type call struct {
	method string
	path   string // with query
	body   string
	host   string // Host header; default the server's
	header http.Header
	// service is the signing name; "" sends the request unsigned.
	service           string
	ak, secret, token string
	// payloadHash is signed as the payload hash; "" means the body's hash.
	payloadHash string
	sendHash    bool // send x-amz-content-sha256
	at          time.Time
}

func (c call) do(t testing.TB, srv *fakeawstest.Server) (*http.Response, []byte) {
	t.Helper()
	if c.method == "" {
		c.method = http.MethodPost
	}
	if c.path == "" {
		c.path = "/"
	}
	req, err := http.NewRequest(c.method, srv.URL+c.path, bytes.NewReader([]byte(c.body)))
	if err != nil {
		t.Fatal(err)
	}
	if c.host != "" {
		req.Host = c.host
	}
	if c.method == http.MethodPost && c.header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	}
	for k, vs := range c.header {
		req.Header[k] = vs
	}
	if c.service != "" {
		if c.ak == "" {
			c.ak, c.secret = fakeaws.DefaultAccessKey, fakeaws.DefaultSecret
		}
		if c.at.IsZero() {
			c.at = time.Now()
		}
		hash := c.payloadHash
		if hash == "" {
			hash = sha256Hex([]byte(c.body))
		}
		if c.sendHash {
			req.Header.Set("X-Amz-Content-Sha256", hash)
		}
		signer := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = c.service == "s3" })
		creds := aws.Credentials{AccessKeyID: c.ak, SecretAccessKey: c.secret, SessionToken: c.token}
		if err := signer.SignHTTP(context.Background(), creds, req, hash, c.service, fakeaws.DefaultRegion, c.at); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := srv.HTTP.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// queryError is the query protocols' error document.
type queryError struct {
	XMLName   xml.Name
	Type      string `xml:"Error>Type"`
	Code      string `xml:"Error>Code"`
	Message   string `xml:"Error>Message"`
	RequestID string `xml:"RequestId"`
}

func parseQueryError(t testing.TB, body []byte) queryError {
	t.Helper()
	var e queryError
	if err := xml.Unmarshal(body, &e); err != nil {
		t.Fatalf("not an XML error document: %v\n%s", err, body)
	}
	if e.XMLName.Local != "ErrorResponse" {
		t.Fatalf("root element %s, want ErrorResponse:\n%s", e.XMLName.Local, body)
	}
	return e
}

// s3Error is S3's error document.
type s3Error struct {
	XMLName      xml.Name
	Code         string
	Message      string
	Expires      string
	ServerTime   string
	XAmzExpires  string `xml:"X-Amz-Expires"`
	RequestTime  string
	MaxSkewMilli string `xml:"MaxAllowedSkewMilliseconds"`
	RequestID    string `xml:"RequestId"`
	HostID       string `xml:"HostId"`
}

func parseS3Error(t testing.TB, body []byte) s3Error {
	t.Helper()
	var e s3Error
	if err := xml.Unmarshal(body, &e); err != nil {
		t.Fatalf("not an XML error document: %v\n%s", err, body)
	}
	if e.XMLName.Local != "Error" {
		t.Fatalf("root element %s, want Error:\n%s", e.XMLName.Local, body)
	}
	return e
}

// identity calls GetCallerIdentity and fails the test on error.
func identity(t testing.TB, c *sts.Client) (account, arn, userID string) {
	t.Helper()
	out, err := c.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatalf("GetCallerIdentity: %v", err)
	}
	return aws.ToString(out.Account), aws.ToString(out.Arn), aws.ToString(out.UserId)
}
