package elbv2_test

import (
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// post sends a raw form body to the service as the default account and
// returns the status and body of the answer.
func (w *world) post(form string) (int, string) {
	hr := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(form))
	hr.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	w.svc.Serve(rec, &awsapi.Request{HTTP: hr, Body: hr.Body, Region: region, Caller: awsapi.Caller{Account: account}, RequestID: "req", Now: w.clk.Now()})
	return rec.Code, rec.Body.String()
}

func TestRawRequests(t *testing.T) {
	w := start(t)
	tests := []struct {
		name, form string
		status     int
		contains   string
	}{
		{"no action", "Version=2015-12-01", 400, "<Code>MissingAction</Code>"},
		{"unknown action", "Action=CreateRule&Version=2015-12-01", 400, "<Code>InvalidAction</Code>"},
		{"missing name", "Action=CreateLoadBalancer&Version=2015-12-01", 400, "<Code>MissingParameter</Code>"},
		{"missing actions", "Action=CreateListener&LoadBalancerArn=x", 400, "<Code>MissingParameter</Code>"},
		{"bad page size", "Action=DescribeLoadBalancers&PageSize=abc", 400, "<Code>ValidationError</Code>"},
		{"empty list", "Action=DescribeLoadBalancers&LoadBalancerArns=", 200, "<LoadBalancers></LoadBalancers>"},
		{"limits", "Action=DescribeAccountLimits", 200, "<Name>application-load-balancers</Name><Max>50</Max>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := w.post(tt.form)
			if status != tt.status || !strings.Contains(body, tt.contains) {
				t.Errorf("status %d body %s; want %d with %s", status, body, tt.status, tt.contains)
			}
			if !strings.Contains(body, `xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"`) && status == 200 {
				t.Errorf("no namespace in %s", body)
			}
		})
	}
}

func FuzzDispatch(f *testing.F) {
	seeds := []string{
		"Action=CreateLoadBalancer&Name=api&Type=network&Subnets.member.1=subnet-a&Subnets.member.2=subnet-b",
		"Action=CreateLoadBalancer&Name=web&Subnets.member.1=subnet-a&Subnets.member.2=subnet-b&SecurityGroups.member.1=sg-1&Tags.member.1.Key=k&Tags.member.1.Value=v",
		"Action=CreateLoadBalancer&Name=m&Type=network&SubnetMappings.member.1.SubnetId=subnet-a&SubnetMappings.member.1.PrivateIPv4Address=10.0.0.999",
		"Action=CreateTargetGroup&Name=tg&Protocol=TCP&Port=443&VpcId=vpc-1&HealthCheckProtocol=HTTP&Matcher.HttpCode=200-299,302",
		"Action=CreateTargetGroup&Name=tg&Protocol=HTTP&Port=99999&VpcId=vpc-1&HealthCheckIntervalSeconds=-1",
		"Action=CreateListener&LoadBalancerArn=arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/api/0123456789abcdef&Protocol=TCP&Port=443&DefaultActions.member.1.Type=forward&DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.TargetGroupArn=arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/0123456789abcdef&DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.Weight=1000",
		"Action=RegisterTargets&TargetGroupArn=arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/x&Targets.member.1.Id=i-0000000000000000a&Targets.member.1.Port=0",
		"Action=DescribeTargetHealth&TargetGroupArn=arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup//",
		"Action=DescribeTags&ResourceArns.member.1=arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/a/b/c/d",
		"Action=ModifyLoadBalancerAttributes&LoadBalancerArn=arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/api/0&Attributes.member.1.Key=deletion_protection.enabled&Attributes.member.1.Value=maybe",
		"Action=DescribeLoadBalancers&Marker=%00%ff&PageSize=0",
		"Action=DescribeTargetGroups&Names.member.01=a&Names.member.1=b",
		"Action=SetSecurityGroups&LoadBalancerArn=arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1&SecurityGroups=",
		"Action=DeleteLoadBalancer&LoadBalancerArn=arn:aws:elasticloadbalancing:::loadbalancer/net/a/b",
		"Action=AddTags&ResourceArns.member.1=arn&Tags.member.1.Key=%E2%80%8B",
		"Action=&Action=DescribeAccountLimits&PageSize=1&Marker=bmV0d29yay1sb2FkLWJhbGFuY2Vycw",
		"Action=ModifyListener&ListenerArn=arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/a/b/c/d&Port=1",
		"a=%zz",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	w := start(f)
	w.net.running(i1)
	f.Fuzz(func(t *testing.T, body string) {
		status, out := w.post(body)
		if status != 200 && status != 400 {
			t.Fatalf("status %d for %q: %s", status, body, out)
		}
		d := xml.NewDecoder(strings.NewReader(out))
		for {
			if _, err := d.Token(); err != nil {
				if errors.Is(err, io.EOF) {
					break
				}
				t.Fatalf("answer to %q is not well-formed XML: %v\n%s", body, err, out)
			}
		}
	})
}
