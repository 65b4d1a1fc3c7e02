package route53_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/drydock-sandbox/drydock/fakeaws"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
	"k8s.io/utils/clock"
	clocktesting "k8s.io/utils/clock/testing"
)

// epoch is the fake clock's start.
var epoch = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

const (
	account      = fakeaws.DefaultAccount
	otherAccount = "210987654321"
	otherKey     = "OTHERKEY"
)

var (
	reZoneID   = regexp.MustCompile(`^/hostedzone/Z[A-Z0-9]{13,21}$`)
	reChangeID = regexp.MustCompile(`^/change/C[A-Z0-9]{13,21}$`)
	reNS       = regexp.MustCompile(`^ns-\d{1,4}\.awsdns-\d{2}\.(com|net|org|co\.uk)$`)
)

type harness struct {
	srv *fakeawstest.Server
	clk *clocktesting.FakeClock
	r53 *route53.Client
}

// start runs fakeaws with a seeded ID source, a fake clock, a second
// account's key, and a Route 53 client for the default account.
func start(t testing.TB, opts ...fakeaws.Option) *harness {
	t.Helper()
	clk := clocktesting.NewFakeClock(epoch)
	opts = append([]fakeaws.Option{
		fakeaws.WithSeed(1), fakeaws.WithClock(clk),
		fakeaws.WithAccessKeys(fakeaws.AccessKey{ID: otherKey, Secret: "othersecret", Account: otherAccount}),
	}, opts...)
	srv := fakeawstest.Start(t, opts...)
	return &harness{srv: srv, clk: clk, r53: client(srv.Config(), clk)}
}

// other is a client of the second account.
func (h *harness) other() *route53.Client {
	return client(h.srv.ConfigFor(otherKey, "othersecret", ""), h.clk)
}

func client(cfg aws.Config, clk clock.PassiveClock) *route53.Client {
	return route53.NewFromConfig(cfg, func(o *route53.Options) { o.HTTPSignerV4 = fakeawstest.NewClockSigner(clk) })
}

// wantBatchErr asserts that err is InvalidChangeBatch with exactly msgs.
func wantBatchErr(t testing.TB, err error, msgs ...string) {
	t.Helper()
	var icb *types.InvalidChangeBatch
	if !errors.As(err, &icb) {
		t.Fatalf("error %v is not InvalidChangeBatch", err)
	}
	var re *awshttp.ResponseError
	if errors.As(err, &re) && re.HTTPStatusCode() != http.StatusBadRequest {
		t.Errorf("InvalidChangeBatch: HTTP status %d, want 400", re.HTTPStatusCode())
	}
	if fmt.Sprint(icb.Messages) != fmt.Sprint(msgs) {
		t.Errorf("InvalidChangeBatch messages:\n got %q\nwant %q", icb.Messages, msgs)
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

var ctx = context.Background()

// createZone creates a public zone and returns its bare ID.
func (h *harness) createZone(t testing.TB, name string) string {
	t.Helper()
	out := must[*route53.CreateHostedZoneOutput](t)(h.r53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{
		Name: aws.String(name), CallerReference: aws.String("ref-" + name),
	}))
	return bare(*out.HostedZone.Id)
}

func bare(id string) string {
	if len(id) > len("/hostedzone/") && id[:len("/hostedzone/")] == "/hostedzone/" {
		return id[len("/hostedzone/"):]
	}
	return id
}

// set builds a plain record set.
func set(name string, typ types.RRType, ttl int64, values ...string) *types.ResourceRecordSet {
	rs := &types.ResourceRecordSet{Name: aws.String(name), Type: typ, TTL: aws.Int64(ttl)}
	for _, v := range values {
		rs.ResourceRecords = append(rs.ResourceRecords, types.ResourceRecord{Value: aws.String(v)})
	}
	return rs
}

func change(action types.ChangeAction, rs *types.ResourceRecordSet) types.Change {
	return types.Change{Action: action, ResourceRecordSet: rs}
}

// apply submits one change batch.
func (h *harness) apply(zoneID string, changes ...types.Change) (*route53.ChangeResourceRecordSetsOutput, error) {
	return h.r53.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{
		HostedZoneId: aws.String(zoneID),
		ChangeBatch:  &types.ChangeBatch{Changes: changes},
	})
}

func (h *harness) mustApply(t testing.TB, zoneID string, changes ...types.Change) {
	t.Helper()
	if _, err := h.apply(zoneID, changes...); err != nil {
		var icb *types.InvalidChangeBatch
		if errors.As(err, &icb) {
			t.Fatalf("%v: %q", err, icb.Messages)
		}
		t.Fatal(err)
	}
}

// sets lists every record set of a zone through the SDK's paginator.
func (h *harness) sets(t testing.TB, zoneID string) []types.ResourceRecordSet {
	t.Helper()
	var out []types.ResourceRecordSet
	p := route53.NewListResourceRecordSetsPaginator(h.r53, &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String(zoneID)})
	for p.HasMorePages() {
		page := must[*route53.ListResourceRecordSetsOutput](t)(p.NextPage(ctx))
		out = append(out, page.ResourceRecordSets...)
	}
	return out
}

// summary renders record sets as "name type ttl values" lines.
func summary(sets []types.ResourceRecordSet) []string {
	var out []string
	for _, s := range sets {
		line := fmt.Sprintf("%s %s", aws.ToString(s.Name), s.Type)
		if s.SetIdentifier != nil {
			line += " id=" + *s.SetIdentifier
		}
		if s.TTL != nil {
			line += fmt.Sprintf(" %d", *s.TTL)
		}
		for _, r := range s.ResourceRecords {
			line += " " + aws.ToString(r.Value)
		}
		if s.AliasTarget != nil {
			line += " alias=" + aws.ToString(s.AliasTarget.HostedZoneId) + "/" + aws.ToString(s.AliasTarget.DNSName)
		}
		out = append(out, line)
	}
	return out
}

// wantErr asserts the AWS error code, HTTP status and (unless empty) message.
func wantErr(t testing.TB, err error, code string, status int, msg string) {
	t.Helper()
	fakeawstest.WantAPIError(t, err, code, status, msg)
}
