package route53_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/backend"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/ids"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
	"github.com/drydock-sandbox/drydock/fakeaws/route53"
	clocktesting "k8s.io/utils/clock/testing"
)

// direct is the Route 53 service without the HTTP server, for raw
// requests the SDK would never send.
type direct struct {
	svc *route53.Service
	env backend.Env
}

func newDirect(t testing.TB, cfg route53.Config) *direct {
	t.Helper()
	db, err := store.Open(store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	env := backend.Env{DB: db, Clock: clocktesting.NewFakeClock(epoch), IDs: ids.New(1), Partition: "aws"}
	return &direct{svc: route53.New(env, cfg), env: env}
}

// do sends one request as account and returns the status and body.
func (d *direct) do(account, method, path, body string) (int, string) {
	hr := httptest.NewRequest(method, path, strings.NewReader(body))
	r := &awsapi.Request{
		HTTP: hr, Body: hr.Body, ContentLength: int64(len(body)), Service: "route53", Region: "us-east-1",
		Caller: awsapi.Caller{Account: account}, RequestID: "req-1", Now: d.env.Clock.Now(),
	}
	w := httptest.NewRecorder()
	d.svc.Serve(w, r)
	raw, _ := io.ReadAll(w.Result().Body)
	return w.Code, string(raw)
}

const createZoneXML = `<?xml version="1.0" encoding="UTF-8"?>
<CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Name>example.com</Name><CallerReference>r1</CallerReference></CreateHostedZoneRequest>`

// zoneOf creates example.com and returns its ID, read from the Location.
func (d *direct) zoneOf(t testing.TB) string {
	t.Helper()
	status, body := d.do(account, http.MethodPost, "/2013-04-01/hostedzone", createZoneXML)
	if status != http.StatusCreated {
		t.Fatalf("create zone: %d %s", status, body)
	}
	_, rest, _ := strings.Cut(body, "<Id>/hostedzone/")
	id, _, _ := strings.Cut(rest, "<")
	return id
}

func TestMalformedRequests(t *testing.T) {
	d := newDirect(t, route53.Config{})
	id := d.zoneOf(t)
	tests := []struct {
		name, method, path, body string
		status                   int
		code                     string
	}{
		{"truncated XML", "POST", "/2013-04-01/hostedzone/" + id + "/rrset/", `<ChangeResourceRecordSetsRequest><ChangeBatch>`, 400, "InvalidInput"},
		{"not XML", "POST", "/2013-04-01/hostedzone", `{"Name":"x"}`, 400, "InvalidInput"},
		{"empty body", "POST", "/2013-04-01/hostedzone", ``, 400, "InvalidInput"},
		{"wrong root", "POST", "/2013-04-01/hostedzone", `<DeleteHostedZoneRequest/>`, 400, "InvalidInput"},
		{"TTL not a number", "POST", "/2013-04-01/hostedzone/" + id + "/rrset/", `<ChangeResourceRecordSetsRequest><ChangeBatch><Changes><Change><Action>CREATE</Action><ResourceRecordSet><Name>a.example.com</Name><Type>A</Type><TTL>soon</TTL></ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>`, 400, "InvalidInput"},
		{"no changes", "POST", "/2013-04-01/hostedzone/" + id + "/rrset/", `<ChangeResourceRecordSetsRequest><ChangeBatch><Changes/></ChangeBatch></ChangeResourceRecordSetsRequest>`, 400, "InvalidInput"},
		{"bad action", "POST", "/2013-04-01/hostedzone/" + id + "/rrset/", `<ChangeResourceRecordSetsRequest><ChangeBatch><Changes><Change><Action>MERGE</Action><ResourceRecordSet><Name>a.example.com</Name><Type>A</Type></ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>`, 400, "InvalidInput"},
		{"bad maxitems", "GET", "/2013-04-01/hostedzone?maxitems=lots", ``, 400, "InvalidInput"},
		{"unknown operation", "POST", "/2013-04-01/healthcheck", ``, 400, "InvalidAction"},
		{"wrong version", "GET", "/2012-12-12/hostedzone", ``, 400, "InvalidAction"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := d.do(account, tc.method, tc.path, tc.body)
			if status != tc.status || !strings.Contains(body, "<Code>"+tc.code+"</Code>") {
				t.Errorf("%d %s, want %d %s", status, body, tc.status, tc.code)
			}
			if !strings.Contains(body, `<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">`) {
				t.Errorf("error envelope: %s", body)
			}
		})
	}
}

// TestInvalidChangeBatchDocument checks the document AWS sends for a
// refused batch: <InvalidChangeBatch> with <Messages>, not <ErrorResponse>.
func TestInvalidChangeBatchDocument(t *testing.T) {
	d := newDirect(t, route53.Config{})
	id := d.zoneOf(t)
	body := `<ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ChangeBatch><Changes><Change><Action>DELETE</Action><ResourceRecordSet><Name>x.example.com</Name><Type>A</Type><TTL>1</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>`
	status, got := d.do(account, "POST", "/2013-04-01/hostedzone/"+id+"/rrset/", body)
	want := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<InvalidChangeBatch xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Messages><Message>Tried to delete resource record set [name=&#39;x.example.com.&#39;, type=&#39;A&#39;] but it was not found</Message></Messages><RequestId>req-1</RequestId></InvalidChangeBatch>`
	if status != 400 || got != want {
		t.Errorf("%d\n%s\nwant 400\n%s", status, got, want)
	}
}

func TestVPCExistsHook(t *testing.T) {
	var asked []string
	d := newDirect(t, route53.Config{VPCExists: func(account, region, id string) (bool, error) {
		asked = append(asked, account+"/"+region+"/"+id)
		return id == "vpc-0123456789abcdef0", nil
	}})
	create := func(vpc string) (int, string) {
		return d.do(account, "POST", "/2013-04-01/hostedzone", `<CreateHostedZoneRequest><Name>p.example</Name><CallerReference>`+vpc+`</CallerReference><VPC><VPCId>`+vpc+`</VPCId></VPC></CreateHostedZoneRequest>`)
	}
	if status, body := create("vpc-0123456789abcdef0"); status != 201 || !strings.Contains(body, "<VPCRegion>us-east-1</VPCRegion>") {
		t.Errorf("existing VPC: %d %s", status, body)
	}
	if status, body := create("vpc-0fffffffffffffff0"); status != 400 || !strings.Contains(body, "<Code>InvalidVPCId</Code>") {
		t.Errorf("missing VPC: %d %s", status, body)
	}
	want := account + "/us-east-1/vpc-0123456789abcdef0," + account + "/us-east-1/vpc-0fffffffffffffff0"
	if strings.Join(asked, ",") != want {
		t.Errorf("hook asked %v, want %s", asked, want)
	}
}
