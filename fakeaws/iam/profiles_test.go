package iam_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

func TestInstanceProfileLifecycle(t *testing.T) {
	h := start(t)
	ctx := t.Context()
	role := h.createRole(t, "nodes", "/kops/").Role

	created := call(h.iam.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{
		InstanceProfileName: aws.String("Nodes.Example"),
		Path:                aws.String("/kops/"),
		Tags:                []types.Tag{{Key: aws.String("KubernetesCluster"), Value: aws.String("example")}},
	})).must(t).InstanceProfile
	const arn = "arn:aws:iam::" + account + ":instance-profile/kops/Nodes.Example"
	if aws.ToString(created.Arn) != arn || aws.ToString(created.Path) != "/kops/" || !created.CreateDate.Equal(epoch) {
		t.Errorf("created Arn %s Path %s CreateDate %v", aws.ToString(created.Arn), aws.ToString(created.Path), created.CreateDate)
	}
	if id := aws.ToString(created.InstanceProfileId); !reProfileID.MatchString(id) {
		t.Errorf("InstanceProfileId %q is not AIPA + 17 of [A-Z2-7]", id)
	}
	if len(created.Roles) != 0 || len(created.Tags) != 1 {
		t.Errorf("created Roles %v Tags %v", created.Roles, created.Tags)
	}

	call(h.iam.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: aws.String("nodes.example"), RoleName: aws.String("NODES")})).must(t)
	got := call(h.iam.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String("Nodes.Example")})).must(t).InstanceProfile
	if len(got.Roles) != 1 {
		t.Fatalf("GetInstanceProfile Roles = %+v, want the role", got.Roles)
	}
	r := got.Roles[0]
	if aws.ToString(r.RoleName) != "nodes" || aws.ToString(r.RoleId) != aws.ToString(role.RoleId) || aws.ToString(r.Arn) != aws.ToString(role.Arn) ||
		!r.CreateDate.Equal(epoch) || decode(t, r.AssumeRolePolicyDocument) != trustPolicy {
		t.Errorf("profile's role = %+v", r)
	}
	if len(got.Tags) != 1 || aws.ToString(got.Tags[0].Value) != "example" {
		t.Errorf("GetInstanceProfile Tags = %+v", got.Tags)
	}

	forRole := call(h.iam.ListInstanceProfilesForRole(ctx, &iam.ListInstanceProfilesForRoleInput{RoleName: aws.String("nodes")})).must(t)
	if len(forRole.InstanceProfiles) != 1 || aws.ToString(forRole.InstanceProfiles[0].Arn) != arn {
		t.Errorf("ListInstanceProfilesForRole = %+v", forRole.InstanceProfiles)
	}

	_, err := h.iam.DeleteInstanceProfile(ctx, &iam.DeleteInstanceProfileInput{InstanceProfileName: aws.String("Nodes.Example")})
	wantErr(t, err, "DeleteConflict", 409, "Cannot delete entity, must remove roles from instance profile first.")

	call(h.iam.RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{InstanceProfileName: aws.String("Nodes.Example"), RoleName: aws.String("nodes")})).must(t)
	forRole = call(h.iam.ListInstanceProfilesForRole(ctx, &iam.ListInstanceProfilesForRoleInput{RoleName: aws.String("nodes")})).must(t)
	if len(forRole.InstanceProfiles) != 0 {
		t.Errorf("ListInstanceProfilesForRole after remove = %+v", forRole.InstanceProfiles)
	}
	_, err = h.iam.RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{InstanceProfileName: aws.String("Nodes.Example"), RoleName: aws.String("nodes")})
	wantErr(t, err, "NoSuchEntity", 404, "The role with name nodes cannot be found.")

	call(h.iam.DeleteInstanceProfile(ctx, &iam.DeleteInstanceProfileInput{InstanceProfileName: aws.String("Nodes.Example")})).must(t)
	_, err = h.iam.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String("Nodes.Example")})
	wantErr(t, err, "NoSuchEntity", 404, "Instance Profile Nodes.Example cannot be found.")
	// With its profile gone the role can go.
	call(h.iam.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("nodes")})).must(t)
}

func TestInstanceProfileErrors(t *testing.T) {
	h := start(t)
	ctx := t.Context()
	h.createRole(t, "a", "")
	h.createRole(t, "b", "")
	h.createProfile(t, "p")
	call(h.iam.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: aws.String("p"), RoleName: aws.String("a")})).must(t)

	add := func(profile, role string) func() error {
		return func() error {
			_, err := h.iam.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: aws.String(profile), RoleName: aws.String(role)})
			return err
		}
	}
	tests := []struct {
		name   string
		do     func() error
		code   string
		status int
		msg    string
	}{
		{"second role", add("p", "b"), "LimitExceeded", 409, "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1"},
		{"same role again", add("p", "a"), "LimitExceeded", 409, "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1"},
		{"missing profile", add("ghost", "a"), "NoSuchEntity", 404, "Instance Profile ghost cannot be found."},
		{"missing role", add("p", "ghost"), "NoSuchEntity", 404, "The role with name ghost cannot be found."},
		{"duplicate profile in another case", func() error {
			_, err := h.iam.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: aws.String("P")})
			return err
		}, "EntityAlreadyExists", 409, "Instance Profile P already exists."},
		{"bad profile path", func() error {
			_, err := h.iam.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: aws.String("q"), Path: aws.String("/no-trailing-slash")})
			return err
		}, "ValidationError", 400, `1 validation error detected: Value '/no-trailing-slash' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\u002F)|(\u002F[\u0021-\u007E]+\u002F)`},
		{"remove a role the profile does not hold", func() error {
			_, err := h.iam.RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{InstanceProfileName: aws.String("p"), RoleName: aws.String("b")})
			return err
		}, "NoSuchEntity", 404, "The role with name b cannot be found."},
		{"delete missing profile", func() error {
			_, err := h.iam.DeleteInstanceProfile(ctx, &iam.DeleteInstanceProfileInput{InstanceProfileName: aws.String("ghost")})
			return err
		}, "NoSuchEntity", 404, "Instance Profile ghost cannot be found."},
		{"profiles of a missing role", func() error {
			_, err := h.iam.ListInstanceProfilesForRole(ctx, &iam.ListInstanceProfilesForRoleInput{RoleName: aws.String("ghost")})
			return err
		}, "NoSuchEntity", 404, "The role with name ghost cannot be found."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantErr(t, tt.do(), tt.code, tt.status, tt.msg) })
	}
}

// A role can be in several instance profiles.
func TestRoleInSeveralProfiles(t *testing.T) {
	h := start(t)
	ctx := t.Context()
	h.createRole(t, "shared", "")
	for _, p := range []string{"p1", "p2", "p3"} {
		h.createProfile(t, p)
		call(h.iam.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: aws.String(p), RoleName: aws.String("shared")})).must(t)
	}
	var names []string
	pages := iam.NewListInstanceProfilesForRolePaginator(h.iam, &iam.ListInstanceProfilesForRoleInput{RoleName: aws.String("shared"), MaxItems: aws.Int32(2)})
	for pages.HasMorePages() {
		out := call(pages.NextPage(ctx)).must(t)
		for _, ip := range out.InstanceProfiles {
			names = append(names, aws.ToString(ip.InstanceProfileName))
			if len(ip.Roles) != 1 || aws.ToString(ip.Roles[0].RoleName) != "shared" {
				t.Errorf("profile %s roles = %+v", aws.ToString(ip.InstanceProfileName), ip.Roles)
			}
		}
	}
	if len(names) != 3 || names[0] != "p1" || names[2] != "p3" {
		t.Errorf("profiles of the role = %v, want [p1 p2 p3]", names)
	}
}
