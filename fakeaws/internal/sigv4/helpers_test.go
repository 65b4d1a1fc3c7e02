package sigv4

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// signedAt is the moment every test request is signed at; the verifier's
// clock is set relative to it.
var signedAt = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// The keys the test verifier knows.
var (
	longTerm = Credential{
		AccessKey: "AKIDEXAMPLE",
		Secret:    "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
		Account:   "123456789012",
		ARN:       "arn:aws:iam::123456789012:root",
		UserID:    "123456789012",
	}
	temporary = Credential{
		AccessKey:    "ASIAEXAMPLETEMP00001",
		Secret:       "temporarySecretKeyForTestsOnly0000000000",
		SessionToken: "FwoGZXIvYXdzEtoken",
		Account:      "210987654321",
		ARN:          "arn:aws:sts::210987654321:assumed-role/r/s",
		UserID:       "AROAEXAMPLE:s",
		Expires:      signedAt.Add(time.Hour),
	}
)

func awsCreds(c Credential) aws.Credentials {
	return aws.Credentials{AccessKeyID: c.AccessKey, SecretAccessKey: c.Secret, SessionToken: c.SessionToken}
}

func testLookup(ak string) (Credential, bool, error) {
	for _, c := range []Credential{longTerm, temporary} {
		if c.AccessKey == ak {
			return c, true, nil
		}
	}
	return Credential{}, false, nil
}

// verifierAt is a verifier whose clock reads now.
func verifierAt(now time.Time) *Verifier {
	return &Verifier{Lookup: testLookup, Now: func() time.Time { return now }}
}

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// req describes a client request to sign.
type req struct {
	method  string
	url     string // absolute
	body    string
	header  http.Header
	service string
	// payloadHash is what the client signs as the payload; "" means the
	// body's SHA-256, not sent as a header (the query protocols).
	payloadHash string
	// sendHash sends payloadHash as x-amz-content-sha256 (S3 does).
	sendHash bool
	cred     Credential
	at       time.Time
	opts     func(*v4.SignerOptions)
}

// clientRequest builds the request as an SDK would send it, unsigned.
func (q req) clientRequest(t testing.TB) *http.Request {
	t.Helper()
	method := q.method
	if method == "" {
		method = http.MethodPost
	}
	cr, err := http.NewRequest(method, q.url, bytes.NewReader([]byte(q.body)))
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range q.header {
		cr.Header[k] = append([]string(nil), vs...)
	}
	if q.sendHash {
		cr.Header.Set("X-Amz-Content-Sha256", q.payloadHash)
	}
	return cr
}

func (q req) signer() *v4.Signer {
	return v4.NewSigner(func(o *v4.SignerOptions) {
		if q.service == "s3" {
			o.DisableURIPathEscaping = true
		}
		if q.opts != nil {
			q.opts(o)
		}
	})
}

func (q req) defaults() req {
	if q.service == "" {
		q.service = "sts"
	}
	if q.cred.AccessKey == "" {
		q.cred = longTerm
	}
	if q.at.IsZero() {
		q.at = signedAt
	}
	if q.payloadHash == "" {
		q.payloadHash = sha256Hex([]byte(q.body))
	}
	return q
}

// sign signs q with the SDK's signer and returns the request as the server
// receives it.
func (q req) sign(t testing.TB) *http.Request {
	t.Helper()
	q = q.defaults()
	cr := q.clientRequest(t)
	if err := q.signer().SignHTTP(context.Background(), awsCreds(q.cred), cr, q.payloadHash, q.service, "us-east-1", q.at); err != nil {
		t.Fatal(err)
	}
	return toServer(t, cr, []byte(q.body))
}

// presign presigns q for expires and returns the request as the server
// receives it.
func (q req) presign(t testing.TB, expires time.Duration) *http.Request {
	t.Helper()
	q = q.defaults()
	cr := q.clientRequest(t)
	if expires >= 0 { // negative: leave X-Amz-Expires out
		qs := cr.URL.Query()
		qs.Set("X-Amz-Expires", strconv.Itoa(int(expires/time.Second)))
		cr.URL.RawQuery = qs.Encode()
	}
	hash := q.payloadHash
	if !q.sendHash {
		hash = "UNSIGNED-PAYLOAD"
	}
	u, hdr, err := q.signer().PresignHTTP(context.Background(), awsCreds(q.cred), cr, hash, q.service, "us-east-1", q.at)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := http.NewRequest(cr.Method, u, bytes.NewReader([]byte(q.body)))
	if err != nil {
		t.Fatal(err)
	}
	pr.Header = hdr.Clone()
	pr.Header.Del("Host")
	return toServer(t, pr, []byte(q.body))
}

// toServer turns a client request into the request net/http hands a
// server: RequestURI as on the wire, Host, Content-Length moved out of the
// header.
func toServer(t testing.TB, cr *http.Request, body []byte) *http.Request {
	t.Helper()
	sr := httptest.NewRequest(cr.Method, cr.URL.RequestURI(), bytes.NewReader(body))
	sr.Host = cr.URL.Host
	if cr.Host != "" {
		sr.Host = cr.Host
	}
	sr.Header = cr.Header.Clone()
	sr.Header.Del("Content-Length")
	sr.ContentLength = int64(len(body))
	return sr
}

// kindOf returns the Kind of a verification error, failing the test for
// other errors.
func kindOf(t testing.TB, err error) Kind {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *sigv4.Error", err, err)
	}
	return e.Kind
}

var kindNames = map[Kind]string{
	Missing: "Missing", Malformed: "Malformed", UnknownKey: "UnknownKey", BadSignature: "BadSignature",
	Skewed: "Skewed", Expired: "Expired", BadToken: "BadToken", TokenExpired: "TokenExpired",
	PayloadMismatch: "PayloadMismatch", BadLength: "BadLength",
}

func kindName(k Kind) string {
	if n, ok := kindNames[k]; ok {
		return n
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// verifyAndRead verifies r and reads its whole body, returning the body
// and the first error from either step.
func verifyAndRead(v *Verifier, r *http.Request) (*Result, []byte, error) {
	res, err := v.Verify(r, 1<<20)
	if err != nil {
		return nil, nil, err
	}
	b, err := io.ReadAll(res.Body)
	return res, b, err
}
