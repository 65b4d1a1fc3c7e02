package aws

import (
	"context"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/drydock-sandbox/drydock/internal/awshttp"
)

// Clients are the AWS service clients the driver uses, all for one
// account and region.
type Clients struct {
	Region      string
	EC2         *ec2.Client
	AutoScaling *autoscaling.Client
	ELBv2       *elbv2.Client
	IAM         *iam.Client
	Route53     *route53.Client
	STS         *sts.Client
	// Poll is how often the driver looks again while it waits for AWS
	// (a NAT gateway to become available, …).
	Poll time.Duration
}

// NewClients makes the clients from cfg. Request bodies are buffered (see
// internal/awshttp) so that a fast endpoint such as the sandbox cannot race
// the SDK closing them.
func NewClients(cfg aws.Config) *Clients {
	cfg = cfg.Copy()
	var next http.RoundTripper
	if hc, ok := cfg.HTTPClient.(*http.Client); ok && hc != nil {
		next = hc.Transport
	}
	cfg.HTTPClient = &http.Client{Transport: awshttp.BufferedBody(next)}
	return &Clients{
		Region:      cfg.Region,
		EC2:         ec2.NewFromConfig(cfg),
		AutoScaling: autoscaling.NewFromConfig(cfg),
		ELBv2:       elbv2.NewFromConfig(cfg),
		IAM:         iam.NewFromConfig(cfg),
		Route53:     route53.NewFromConfig(cfg),
		STS:         sts.NewFromConfig(cfg),
		Poll:        5 * time.Second,
	}
}

// waitUntil calls done every c.Poll until it reports true, fails, or ctx
// ends.
func (c *Clients) waitUntil(ctx context.Context, done func() (bool, error)) error {
	for {
		ok, err := done()
		if ok || err != nil {
			return err
		}
		t := time.NewTimer(c.Poll)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}
