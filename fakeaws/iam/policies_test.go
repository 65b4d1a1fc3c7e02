package iam_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

func TestInlinePolicies(t *testing.T) {
	h := start(t)
	ctx := t.Context()
	h.createRole(t, "masters", "")
	ec2Policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:Describe*"],"Resource":"*"}]}`
	for _, p := range []struct{ name, doc string }{{"s3-access", s3Policy}, {"ec2-describe", ec2Policy}} {
		call(h.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("Masters"), PolicyName: aws.String(p.name), PolicyDocument: aws.String(p.doc)})).must(t)
	}

	got := call(h.iam.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String("masters"), PolicyName: aws.String("s3-access")})).must(t)
	if aws.ToString(got.RoleName) != "masters" || aws.ToString(got.PolicyName) != "s3-access" {
		t.Errorf("GetRolePolicy names = %s/%s", aws.ToString(got.RoleName), aws.ToString(got.PolicyName))
	}
	// The %3A inside the document survives the round trip: AWS encodes "%" too.
	if d := decode(t, got.PolicyDocument); d != s3Policy {
		t.Errorf("GetRolePolicy document = %s, want %s", d, s3Policy)
	}

	list := call(h.iam.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: aws.String("masters")})).must(t)
	if fmt.Sprint(list.PolicyNames) != "[ec2-describe s3-access]" || list.IsTruncated {
		t.Errorf("ListRolePolicies = %v truncated %v", list.PolicyNames, list.IsTruncated)
	}

	// Putting a policy again replaces its document.
	call(h.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("masters"), PolicyName: aws.String("s3-access"), PolicyDocument: aws.String(ec2Policy)})).must(t)
	got = call(h.iam.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String("masters"), PolicyName: aws.String("s3-access")})).must(t)
	if d := decode(t, got.PolicyDocument); d != ec2Policy {
		t.Errorf("document after replace = %s", d)
	}

	call(h.iam.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String("masters"), PolicyName: aws.String("s3-access")})).must(t)
	list = call(h.iam.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: aws.String("masters")})).must(t)
	if fmt.Sprint(list.PolicyNames) != "[ec2-describe]" {
		t.Errorf("ListRolePolicies after delete = %v", list.PolicyNames)
	}
}

func TestInlinePolicyErrors(t *testing.T) {
	h := start(t)
	ctx := t.Context()
	h.createRole(t, "r", "")
	big := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::` + strings.Repeat("b", 6000) + `"}]}`
	call(h.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("r"), PolicyName: aws.String("big1"), PolicyDocument: aws.String(big)})).must(t)

	tests := []struct {
		name   string
		do     func() error
		code   string
		status int
		msg    string
	}{
		{"get missing policy", func() error {
			_, err := h.iam.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String("r"), PolicyName: aws.String("nope")})
			return err
		}, "NoSuchEntity", 404, "The role policy with name nope cannot be found."},
		{"get on missing role", func() error {
			_, err := h.iam.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String("ghost"), PolicyName: aws.String("p")})
			return err
		}, "NoSuchEntity", 404, "The role with name ghost cannot be found."},
		{"delete missing policy", func() error {
			_, err := h.iam.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String("r"), PolicyName: aws.String("nope")})
			return err
		}, "NoSuchEntity", 404, "The role policy with name nope cannot be found."},
		{"put on missing role", func() error {
			_, err := h.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("ghost"), PolicyName: aws.String("p"), PolicyDocument: aws.String(s3Policy)})
			return err
		}, "NoSuchEntity", 404, "The role with name ghost cannot be found."},
		{"put malformed", func() error {
			_, err := h.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("r"), PolicyName: aws.String("p"), PolicyDocument: aws.String("{")})
			return err
		}, "MalformedPolicyDocument", 400, "This policy contains invalid Json"},
		{"put bad version", func() error {
			_, err := h.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("r"), PolicyName: aws.String("p"), PolicyDocument: aws.String(`{"Version":"2020-01-01","Statement":[]}`)})
			return err
		}, "MalformedPolicyDocument", 400, "The policy failed legacy parsing"},
		{"put bad policy name", func() error {
			_, err := h.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("r"), PolicyName: aws.String("a/b"), PolicyDocument: aws.String(s3Policy)})
			return err
		}, "ValidationError", 400, `1 validation error detected: Value 'a/b' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`},
		{"inline policies over 10240 characters", func() error {
			_, err := h.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("r"), PolicyName: aws.String("big2"), PolicyDocument: aws.String(big)})
			return err
		}, "LimitExceeded", 409, "Maximum policy size of 10240 bytes exceeded for role r"},
		{"list on missing role", func() error {
			_, err := h.iam.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: aws.String("ghost")})
			return err
		}, "NoSuchEntity", 404, "The role with name ghost cannot be found."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantErr(t, tt.do(), tt.code, tt.status, tt.msg) })
	}
	// Replacing the big policy by itself stays within the quota.
	call(h.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("r"), PolicyName: aws.String("big1"), PolicyDocument: aws.String(big)})).must(t)
}

func TestAttachedPolicies(t *testing.T) {
	h := start(t)
	ctx := t.Context()
	h.createRole(t, "nodes", "")
	arns := []string{
		"arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM",
		"arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess",
	}
	for _, arn := range append(arns, arns[0]) { // attaching twice is accepted
		call(h.iam.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("nodes"), PolicyArn: aws.String(arn)})).must(t)
	}
	list := call(h.iam.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String("nodes")})).must(t)
	var got []string
	for _, p := range list.AttachedPolicies {
		got = append(got, aws.ToString(p.PolicyName)+"="+aws.ToString(p.PolicyArn))
	}
	want := "[AmazonEC2ReadOnlyAccess=arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess AmazonEC2RoleforSSM=arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM]"
	if fmt.Sprint(got) != want {
		t.Errorf("ListAttachedRolePolicies = %v, want %s", got, want)
	}

	filtered := call(h.iam.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String("nodes"), PathPrefix: aws.String("/service-role/")})).must(t)
	if len(filtered.AttachedPolicies) != 1 || aws.ToString(filtered.AttachedPolicies[0].PolicyName) != "AmazonEC2RoleforSSM" {
		t.Errorf("PathPrefix /service-role/ = %+v", filtered.AttachedPolicies)
	}

	call(h.iam.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: aws.String("nodes"), PolicyArn: aws.String(arns[1])})).must(t)
	_, err := h.iam.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: aws.String("nodes"), PolicyArn: aws.String(arns[1])})
	wantErr(t, err, "NoSuchEntity", 404, "Policy "+arns[1]+" was not found.")
	list = call(h.iam.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String("nodes")})).must(t)
	if len(list.AttachedPolicies) != 1 {
		t.Errorf("after detach: %d attached, want 1", len(list.AttachedPolicies))
	}
}

func TestAttachRolePolicyErrors(t *testing.T) {
	h := start(t)
	ctx := t.Context()
	h.createRole(t, "r", "")
	customer := "arn:aws:iam::" + account + ":policy/mine"
	tests := []struct {
		name, role, arn string
		code            string
		status          int
		msg             string
	}{
		{"a policy name, not an ARN", "r", "ReadOnlyAccess", "ValidationError", 400, "Invalid ARN:  Could not be parsed!"},
		{"an ARN of another service", "r", "arn:aws:s3:::bucket/policy/x", "InvalidInput", 400, "ARN arn:aws:s3:::bucket/policy/x is not valid."},
		{"a role ARN", "r", "arn:aws:iam::" + account + ":role/r", "InvalidInput", 400, "ARN arn:aws:iam::" + account + ":role/r is not valid."},
		{"a customer policy that does not exist", "r", customer, "NoSuchEntity", 404, "Policy " + customer + " does not exist or is not attachable."},
		{"a missing role", "ghost", "arn:aws:iam::aws:policy/ReadOnlyAccess", "NoSuchEntity", 404, "The role with name ghost cannot be found."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := h.iam.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String(tt.role), PolicyArn: aws.String(tt.arn)})
			wantErr(t, err, tt.code, tt.status, tt.msg)
		})
	}

	t.Run("more than 10 policies", func(t *testing.T) {
		for i := range 10 {
			call(h.iam.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("r"), PolicyArn: aws.String(fmt.Sprintf("arn:aws:iam::aws:policy/P%d", i))})).must(t)
		}
		_, err := h.iam.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("r"), PolicyArn: aws.String("arn:aws:iam::aws:policy/P10")})
		wantErr(t, err, "LimitExceeded", 409, "Cannot exceed quota for PoliciesPerRole: 10")
	})
}
