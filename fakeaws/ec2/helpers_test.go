package ec2_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
	"github.com/drydock-sandbox/drydock/fakeaws"
	fakeec2 "github.com/drydock-sandbox/drydock/fakeaws/ec2"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
	"k8s.io/utils/clock"
	clocktesting "k8s.io/utils/clock/testing"
)

// epoch is the fake clock's start.
var epoch = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

const (
	account      = fakeaws.DefaultAccount
	otherAccount = "210987654321"
	otherKey     = "AKIAOTHERACCOUNTKEY1"
	otherSecret  = "other-secret"
)

var ctx = context.Background()

type harness struct {
	srv *fakeawstest.Server
	clk *clocktesting.FakeClock
	ec2 *ec2.Client
}

// start runs fakeaws with a seeded ID source, a fake clock and a second
// account, and returns an EC2 client for the default account in
// us-east-1.
func start(t testing.TB, cfg fakeec2.Config, opts ...fakeaws.Option) *harness {
	t.Helper()
	clk := clocktesting.NewFakeClock(epoch)
	opts = append([]fakeaws.Option{
		fakeaws.WithSeed(1), fakeaws.WithClock(clk), fakeaws.WithEC2Config(cfg),
		fakeaws.WithAccessKeys(fakeaws.AccessKey{ID: otherKey, Secret: otherSecret, Account: otherAccount}),
	}, opts...)
	srv := fakeawstest.Start(t, opts...)
	h := &harness{srv: srv, clk: clk}
	h.ec2 = h.client("us-east-1")
	return h
}

// client is an EC2 client of the default account in region.
func (h *harness) client(region string) *ec2.Client {
	return ec2Client(h.srv.Config(), h.clk, region)
}

// other is an EC2 client of the second account in us-east-1.
func (h *harness) other() *ec2.Client {
	return ec2Client(h.srv.ConfigFor(otherKey, otherSecret, ""), h.clk, "us-east-1")
}

// clockSigner signs requests at the fake clock's time, so that the
// server's skew check accepts them whatever the wall clock says.
type clockSigner struct {
	signer *v4.Signer
	clk    clock.PassiveClock
}

func (c clockSigner) SignHTTP(ctx context.Context, creds aws.Credentials, r *http.Request, payloadHash, service, region string, _ time.Time, optFns ...func(*v4.SignerOptions)) error {
	return c.signer.SignHTTP(ctx, creds, r, payloadHash, service, region, c.clk.Now(), optFns...)
}

func ec2Client(cfg aws.Config, clk clock.PassiveClock, region string) *ec2.Client {
	cfg.Region = region
	return ec2.NewFromConfig(cfg, func(o *ec2.Options) { o.HTTPSignerV4 = clockSigner{v4.NewSigner(), clk} })
}

// wantErr asserts that err is the EC2 error code and, when msg is not
// empty, that its message contains msg.
func wantErr(t testing.TB, err error, code, msg string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("want %s, got %v", code, err)
	}
	if ae.ErrorCode() != code {
		t.Fatalf("want %s, got %s: %s", code, ae.ErrorCode(), ae.ErrorMessage())
	}
	if msg != "" && !strings.Contains(ae.ErrorMessage(), msg) {
		t.Fatalf("%s: message %q does not contain %q", code, ae.ErrorMessage(), msg)
	}
}

func must[T any](t testing.TB) func(v T, err error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// tagSpec is a TagSpecification for one resource type.
func tagSpec(rt types.ResourceType, kv ...string) []types.TagSpecification {
	var tags []types.Tag
	for i := 0; i+1 < len(kv); i += 2 {
		tags = append(tags, types.Tag{Key: aws.String(kv[i]), Value: aws.String(kv[i+1])})
	}
	return []types.TagSpecification{{ResourceType: rt, Tags: tags}}
}

func filter(name string, values ...string) types.Filter {
	return types.Filter{Name: aws.String(name), Values: values}
}

// tagMap turns tags into a map.
func tagMap(tags []types.Tag) map[string]string {
	m := map[string]string{}
	for _, t := range tags {
		m[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return m
}

// createVpc makes a VPC and returns it.
func (h *harness) createVpc(t testing.TB, c *ec2.Client, cidr string, kv ...string) types.Vpc {
	t.Helper()
	in := &ec2.CreateVpcInput{CidrBlock: aws.String(cidr)}
	if len(kv) > 0 {
		in.TagSpecifications = tagSpec(types.ResourceTypeVpc, kv...)
	}
	out, err := c.CreateVpc(ctx, in)
	if err != nil {
		t.Fatalf("CreateVpc %s: %v", cidr, err)
	}
	return *out.Vpc
}

// createSubnet makes a subnet and returns it.
func (h *harness) createSubnet(t testing.TB, c *ec2.Client, vpcID, cidr, az string, kv ...string) types.Subnet {
	t.Helper()
	in := &ec2.CreateSubnetInput{VpcId: aws.String(vpcID), CidrBlock: aws.String(cidr)}
	if az != "" {
		in.AvailabilityZone = aws.String(az)
	}
	if len(kv) > 0 {
		in.TagSpecifications = tagSpec(types.ResourceTypeSubnet, kv...)
	}
	out, err := c.CreateSubnet(ctx, in)
	if err != nil {
		t.Fatalf("CreateSubnet %s: %v", cidr, err)
	}
	return *out.Subnet
}
