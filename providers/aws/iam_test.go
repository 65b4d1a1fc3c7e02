package aws

import (
	"context"
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/smithy-go"

	"github.com/drydock-sandbox/drydock/providers"
)

const (
	iamTrust = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}`
	// iamTrustReformatted is iamTrust with other spacing and key order.
	iamTrustReformatted = "{\n  \"Statement\": [ {\"Action\":\"sts:AssumeRole\", \"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"}} ],\n  \"Version\":\"2012-10-17\"\n}"
	iamPolicy           = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:Describe*"], "Resource": "*"}]}`
)

// iamTasks are a role with its policy, and its instance profile.
func iamTasks(name string) (*iamRoleTask, *iamRolePolicyTask, *iamInstanceProfileTask, *iamInstanceProfileRoleTask) {
	role := &iamRoleTask{Name: name, Cluster: tkCluster, AssumeRolePolicy: iamTrust, Tags: tkTags(name)}
	policy := &iamRolePolicyTask{Name: name, Role: role, PolicyDocument: iamPolicy}
	profile := &iamInstanceProfileTask{Name: name, Cluster: tkCluster, Tags: tkTags(name)}
	return role, policy, profile, &iamInstanceProfileRoleTask{Name: name, Profile: profile, Role: role}
}

func TestIAM(t *testing.T) {
	_, c := startFake(t)
	ctx := context.Background()
	name := "nodes." + tkCluster
	role, policy, profile, link := iamTasks(name)
	tasks := []task{role, policy, profile, link}

	// Nothing exists: a dry run plans every creation, the policy and the
	// profile's role although their role and profile are absent.
	creates := tkCreates(t, c, tasks, "IAMRole/"+name, "IAMRolePolicy/"+name, "IAMInstanceProfile/"+name, "IAMInstanceProfileRole/"+name)
	if got := tkField(creates["IAMInstanceProfileRole/"+name], "Role"); got != "name:"+name {
		t.Errorf("IAMInstanceProfileRole Role = %q", got)
	}
	applyTasks(t, c, tasks...)

	r, err := c.IAM.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := url.PathUnescape(aws.ToString(r.Role.AssumeRolePolicyDocument))
	if normalizeJSON(doc) != normalizeJSON(iamTrust) || tagsOf(r.Role.Tags, iamTag)[TagName] != name {
		t.Errorf("role: trust policy %s, tags %v", doc, tagsOf(r.Role.Tags, iamTag))
	}
	if role.arn != aws.ToString(r.Role.Arn) || role.arn == "" {
		t.Errorf("role arn %q, AWS says %q", role.arn, aws.ToString(r.Role.Arn))
	}
	p, err := c.IAM.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	if doc, _ := url.PathUnescape(aws.ToString(p.PolicyDocument)); normalizeJSON(doc) != normalizeJSON(iamPolicy) {
		t.Errorf("policy document %s", doc)
	}
	ip, err := c.IAM.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	if len(ip.InstanceProfile.Roles) != 1 || aws.ToString(ip.InstanceProfile.Roles[0].RoleName) != name ||
		tagsOf(ip.InstanceProfile.Tags, iamTag)[TagCluster] != tkCluster || profile.arn == "" {
		t.Errorf("instance profile %+v, arn %q", ip.InstanceProfile, profile.arn)
	}
	tkNoChanges(t, c, tasks...)

	// The same documents formatted otherwise are no change.
	role.AssumeRolePolicy = iamTrustReformatted
	tkNoChanges(t, c, tasks...)

	trust2 := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com","ssm.amazonaws.com"]},"Action":"sts:AssumeRole"}]}`
	policy2 := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:Describe*","elasticloadbalancing:Describe*"],"Resource":"*"}]}`
	other, _, _, _ := iamTasks("masters." + tkCluster)
	applyTasks(t, c, other)
	for _, tc := range []struct {
		field, kind string
		change      func()
		old, new    string
	}{
		{"AssumeRolePolicy", "IAMRole", func() { role.AssumeRolePolicy = trust2 }, normalizeJSON(iamTrust), normalizeJSON(trust2)},
		{"Tags", "IAMRole", func() { role.Tags = tkTags(name, "team", "a") }, render(tkTags(name)), render(tkTags(name, "team", "a"))},
		{"PolicyDocument", "IAMRolePolicy", func() { policy.PolicyDocument = policy2 }, normalizeJSON(iamPolicy), normalizeJSON(policy2)},
		{"Tags", "IAMInstanceProfile", func() { profile.Tags = tkTags(name, "team", "b") }, render(tkTags(name)), render(tkTags(name, "team", "b"))},
		{"Role", "IAMInstanceProfileRole", func() { link.Role = other }, "name:" + name, "name:" + other.Name},
	} {
		t.Run(tc.kind+"/"+tc.field, func(t *testing.T) {
			tc.change()
			all := append([]task{other}, tasks...)
			tkWantChange(t, c, all, tc.kind, name, providers.Field{Name: tc.field, Old: tc.old, New: tc.new})
		})
	}
	ip, err = c.IAM.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	if len(ip.InstanceProfile.Roles) != 1 || aws.ToString(ip.InstanceProfile.Roles[0].RoleName) != other.Name {
		t.Errorf("instance profile's roles after the change: %+v", ip.InstanceProfile.Roles)
	}
}

func TestIAMNormalizeJSON(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{iamTrust, `{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"}}],"Version":"2012-10-17"}`},
		{iamTrustReformatted, normalizeJSON(iamTrust)},
		{`{"Condition":{"NumericLessThan":{"n":10.50}},"Resource":"arn:aws:s3:::a/<b>&c"}`, `{"Condition":{"NumericLessThan":{"n":10.50}},"Resource":"arn:aws:s3:::a/<b>&c"}`},
		{"  not json ", "not json"},
		{`{"a":1} {"b":2}`, `{"a":1} {"b":2}`},
	} {
		if got := normalizeJSON(tc.in); got != tc.want {
			t.Errorf("normalizeJSON(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// IAM encodes spaces as %20 and leaves "+" encoded as %2B.
	if got := decodePolicy("%7B%22a%22%3A%20%22x%2By%22%7D"); got != `{"a": "x+y"}` {
		t.Errorf("decodePolicy = %q", got)
	}
}

func TestIAMProfileRetry(t *testing.T) {
	notReady := &smithy.GenericAPIError{Code: "InvalidParameterValue",
		Message: "Value (nodes.x) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name"}
	other := &smithy.GenericAPIError{Code: "InvalidParameterValue", Message: "Invalid AMI ID"}
	for _, tc := range []struct {
		name      string
		errs      []error
		wantCalls int
		wantErr   error
	}{
		{"ready at once", nil, 1, nil},
		{"ready after two tries", []error{notReady, notReady}, 3, nil},
		{"another error is not retried", []error{other}, 1, other},
		{"attempts run out", []error{notReady, notReady, notReady, notReady, notReady}, 4, notReady},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			err := profileRetry{interval: time.Millisecond, attempts: 4}.do(context.Background(), func() error {
				calls++
				if calls <= len(tc.errs) {
					return tc.errs[calls-1]
				}
				return nil
			}, "InvalidParameterValue")
			if calls != tc.wantCalls || !errors.Is(err, tc.wantErr) {
				t.Errorf("%d calls, error %v; want %d calls, error %v", calls, err, tc.wantCalls, tc.wantErr)
			}
		})
	}
	// A cancelled context ends the wait.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := profileRetry{interval: time.Hour}.do(ctx, func() error { return notReady }, "InvalidParameterValue")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled wait: %v", err)
	}
	// Auto Scaling's code is another code.
	if profileNotReady(notReady, "ValidationError") {
		t.Error("an EC2 error counted as Auto Scaling's")
	}
}
