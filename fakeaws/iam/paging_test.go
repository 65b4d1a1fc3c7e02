package iam_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// Roles list sorted by name, case-insensitively, whatever the creation
// order.
var roleNames = []string{"delta", "Alpha", "echo", "Charlie", "bravo", "foxtrot", "Golf"}

func createRoles(t *testing.T, h *harness) {
	t.Helper()
	for i, n := range roleNames {
		path := "/"
		if i%2 == 0 {
			path = "/team/"
		}
		h.createRole(t, n, path)
	}
}

func TestListRolesPages(t *testing.T) {
	h := start(t)
	ctx := t.Context()
	createRoles(t, h)

	want := [][]string{{"Alpha", "bravo", "Charlie"}, {"delta", "echo", "foxtrot"}, {"Golf"}}
	var marker *string
	for i, w := range want {
		out := call(h.iam.ListRoles(ctx, &iam.ListRolesInput{MaxItems: aws.Int32(3), Marker: marker})).must(t)
		var got []string
		for _, r := range out.Roles {
			got = append(got, aws.ToString(r.RoleName))
			if aws.ToInt32(r.MaxSessionDuration) != 3600 || len(r.Tags) != 0 || r.RoleLastUsed != nil {
				t.Errorf("ListRoles member %s: MaxSessionDuration %d Tags %v RoleLastUsed %v", aws.ToString(r.RoleName), aws.ToInt32(r.MaxSessionDuration), r.Tags, r.RoleLastUsed)
			}
		}
		last := i == len(want)-1
		if fmt.Sprint(got) != fmt.Sprint(w) || out.IsTruncated == last || (out.Marker == nil) != last {
			t.Fatalf("page %d = %v truncated %v marker %v, want %v", i, got, out.IsTruncated, aws.ToString(out.Marker), w)
		}
		marker = out.Marker
	}
}

func TestListRolesPaginatorAndPathPrefix(t *testing.T) {
	h := start(t)
	ctx := t.Context()
	createRoles(t, h)
	tests := []struct {
		prefix string
		want   string
	}{
		{"", "[Alpha bravo Charlie delta echo foxtrot Golf]"},
		{"/", "[Alpha bravo Charlie delta echo foxtrot Golf]"},
		{"/team/", "[bravo delta echo Golf]"},
		{"/te", "[bravo delta echo Golf]"},
		{"/nobody/", "[]"},
	}
	for _, tt := range tests {
		t.Run("prefix "+tt.prefix, func(t *testing.T) {
			in := &iam.ListRolesInput{}
			if tt.prefix != "" {
				in.PathPrefix = aws.String(tt.prefix)
			}
			var got []string
			pages := iam.NewListRolesPaginator(h.iam, in, func(o *iam.ListRolesPaginatorOptions) { o.Limit = 2 })
			for pages.HasMorePages() {
				out := call(pages.NextPage(ctx)).must(t)
				if len(out.Roles) > 2 {
					t.Fatalf("page of %d roles with MaxItems 2", len(out.Roles))
				}
				for _, r := range out.Roles {
					got = append(got, aws.ToString(r.RoleName))
				}
			}
			if fmt.Sprint(got) != tt.want && !(got == nil && tt.want == "[]") {
				t.Errorf("roles = %v, want %s", got, tt.want)
			}
		})
	}
}

func TestListMaxItemsValidation(t *testing.T) {
	h := start(t)
	for _, n := range []int32{0, 1001} {
		_, err := h.iam.ListRoles(t.Context(), &iam.ListRolesInput{MaxItems: aws.Int32(n)})
		bound := "greater than or equal to 1"
		if n > 1 {
			bound = "less than or equal to 1000"
		}
		wantErr(t, err, "ValidationError", 400, fmt.Sprintf("1 validation error detected: Value '%d' at 'maxItems' failed to satisfy constraint: Member must have value %s", n, bound))
	}
	_, err := h.iam.ListRoles(t.Context(), &iam.ListRolesInput{PathPrefix: aws.String("team")})
	wantErr(t, err, "ValidationError", 400, `1 validation error detected: Value 'team' at 'pathPrefix' failed to satisfy constraint: Member must satisfy regular expression pattern: \u002F[\u0021-\u007F]*`)
}

// Every other List action pages with MaxItems and Marker too.
func TestListPaginators(t *testing.T) {
	h := start(t)
	ctx := t.Context()
	h.createRole(t, "r", "")
	for i := range 5 {
		call(h.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("r"), PolicyName: aws.String(fmt.Sprint("inline-", i)), PolicyDocument: aws.String(s3Policy)})).must(t)
		call(h.iam.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("r"), PolicyArn: aws.String(fmt.Sprint("arn:aws:iam::aws:policy/Managed", i))})).must(t)
		path := "/"
		if i >= 3 {
			path = "/kops/"
		}
		call(h.iam.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: aws.String(fmt.Sprint("profile-", i)), Path: aws.String(path)})).must(t)
	}
	const limit = 2

	var inline []string
	ip := iam.NewListRolePoliciesPaginator(h.iam, &iam.ListRolePoliciesInput{RoleName: aws.String("r")}, func(o *iam.ListRolePoliciesPaginatorOptions) { o.Limit = limit })
	for ip.HasMorePages() {
		inline = append(inline, call(ip.NextPage(ctx)).must(t).PolicyNames...)
	}
	if fmt.Sprint(inline) != "[inline-0 inline-1 inline-2 inline-3 inline-4]" {
		t.Errorf("ListRolePolicies pages = %v", inline)
	}

	var attached []string
	ap := iam.NewListAttachedRolePoliciesPaginator(h.iam, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String("r")}, func(o *iam.ListAttachedRolePoliciesPaginatorOptions) { o.Limit = limit })
	for ap.HasMorePages() {
		for _, p := range call(ap.NextPage(ctx)).must(t).AttachedPolicies {
			attached = append(attached, aws.ToString(p.PolicyName))
		}
	}
	if fmt.Sprint(attached) != "[Managed0 Managed1 Managed2 Managed3 Managed4]" {
		t.Errorf("ListAttachedRolePolicies pages = %v", attached)
	}

	for _, tt := range []struct{ prefix, want string }{
		{"/", "[profile-0 profile-1 profile-2 profile-3 profile-4]"},
		{"/kops/", "[profile-3 profile-4]"},
	} {
		var profiles []string
		pp := iam.NewListInstanceProfilesPaginator(h.iam, &iam.ListInstanceProfilesInput{PathPrefix: aws.String(tt.prefix)}, func(o *iam.ListInstanceProfilesPaginatorOptions) { o.Limit = limit })
		for pp.HasMorePages() {
			for _, p := range call(pp.NextPage(ctx)).must(t).InstanceProfiles {
				profiles = append(profiles, aws.ToString(p.InstanceProfileName))
			}
		}
		if fmt.Sprint(profiles) != tt.want {
			t.Errorf("ListInstanceProfiles %s pages = %v, want %s", tt.prefix, profiles, tt.want)
		}
	}
}
