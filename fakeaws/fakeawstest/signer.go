package fakeawstest

import (
	"context"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"k8s.io/utils/clock"
)

// ClockSigner signs (and presigns) at a clock's time instead of the wall
// clock's, so that a server on a fake clock accepts requests whatever the
// wall clock says. Set it as a client's HTTPSignerV4 (or a presign
// client's Presigner).
type ClockSigner struct {
	Signer *v4.Signer
	Clock  clock.PassiveClock
}

// NewClockSigner returns a ClockSigner over a default SigV4 signer, with
// optFns applied to it (S3 clients disable URI path escaping).
func NewClockSigner(clk clock.PassiveClock, optFns ...func(*v4.SignerOptions)) ClockSigner {
	return ClockSigner{Signer: v4.NewSigner(optFns...), Clock: clk}
}

// SignHTTP implements the SDK's HTTPSignerV4.
func (c ClockSigner) SignHTTP(ctx context.Context, creds aws.Credentials, r *http.Request, payloadHash, service, region string, _ time.Time, optFns ...func(*v4.SignerOptions)) error {
	return c.Signer.SignHTTP(ctx, creds, r, payloadHash, service, region, c.Clock.Now(), optFns...)
}

// PresignHTTP implements the SDK's HTTPPresignerV4.
func (c ClockSigner) PresignHTTP(ctx context.Context, creds aws.Credentials, r *http.Request, payloadHash, service, region string, _ time.Time, optFns ...func(*v4.SignerOptions)) (string, http.Header, error) {
	return c.Signer.PresignHTTP(ctx, creds, r, payloadHash, service, region, c.Clock.Now(), optFns...)
}
