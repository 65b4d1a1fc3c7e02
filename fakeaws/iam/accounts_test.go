package iam_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/drydock-sandbox/drydock/fakeaws"
)

var otherKey = fakeaws.AccessKey{ID: "AKIDOTHER", Secret: "s", Account: otherAccount}

func TestAccountIsolation(t *testing.T) {
	h := start(t, fakeaws.WithAccessKeys(otherKey))
	ctx := t.Context()
	other := iamClient(h.srv.ConfigFor(otherKey.ID, otherKey.Secret, ""), h.clk)

	mine := h.createRole(t, "app", "").Role
	h.createProfile(t, "app")
	if roles := call(other.ListRoles(ctx, &iam.ListRolesInput{})).must(t).Roles; len(roles) != 0 {
		t.Errorf("the other account lists %d roles, want none", len(roles))
	}
	if ips := call(other.ListInstanceProfiles(ctx, &iam.ListInstanceProfilesInput{})).must(t).InstanceProfiles; len(ips) != 0 {
		t.Errorf("the other account lists %d instance profiles, want none", len(ips))
	}
	_, err := other.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("app")})
	wantErr(t, err, "NoSuchEntity", 404, "The role with name app cannot be found.")
	_, err = other.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("app")})
	wantErr(t, err, "NoSuchEntity", 404, "")
	_, err = other.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String("app")})
	wantErr(t, err, "NoSuchEntity", 404, "")

	// The same name is free in the other account, with that account's ARN.
	theirs := call(other.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("app"), AssumeRolePolicyDocument: aws.String(trustPolicy)})).must(t).Role
	if aws.ToString(theirs.Arn) != "arn:aws:iam::"+otherAccount+":role/app" || aws.ToString(theirs.RoleId) == aws.ToString(mine.RoleId) {
		t.Errorf("other account's role Arn %s RoleId %s", aws.ToString(theirs.Arn), aws.ToString(theirs.RoleId))
	}
	call(other.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("app"), PolicyName: aws.String("p"), PolicyDocument: aws.String(s3Policy)})).must(t)
	// Deleting mine is not blocked by their policy.
	call(h.iam.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("app")})).must(t)
	if got := call(other.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("app")})).must(t).Role; aws.ToString(got.RoleId) != aws.ToString(theirs.RoleId) {
		t.Errorf("their role changed: %+v", got)
	}
}

// AssumeRole on a role made through IAM issues credentials that act in the
// role's account.
func TestAssumeRole(t *testing.T) {
	h := start(t, fakeaws.WithAccessKeys(otherKey))
	ctx := t.Context()
	other := iamClient(h.srv.ConfigFor(otherKey.ID, otherKey.Secret, ""), h.clk)
	target := call(other.CreateRole(ctx, &iam.CreateRoleInput{
		RoleName:                 aws.String("Deployer"),
		Path:                     aws.String("/ci/"),
		AssumeRolePolicyDocument: aws.String(trustPolicy),
	})).must(t).Role

	caller := stsClient(h.srv.Config(), h.clk)
	out := call(caller.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: target.Arn, RoleSessionName: aws.String("rehearsal")})).must(t)
	const wantARN = "arn:aws:sts::" + otherAccount + ":assumed-role/Deployer/rehearsal"
	if aws.ToString(out.AssumedRoleUser.Arn) != wantARN {
		t.Errorf("AssumedRoleUser.Arn = %s, want %s", aws.ToString(out.AssumedRoleUser.Arn), wantARN)
	}
	if got, want := aws.ToString(out.AssumedRoleUser.AssumedRoleId), aws.ToString(target.RoleId)+":rehearsal"; got != want {
		t.Errorf("AssumedRoleId = %s, want %s", got, want)
	}
	if !out.Credentials.Expiration.Equal(epoch.Add(time.Hour)) {
		t.Errorf("Expiration = %v, want an hour after %v", out.Credentials.Expiration, epoch)
	}

	cfg := h.srv.ConfigFor(aws.ToString(out.Credentials.AccessKeyId), aws.ToString(out.Credentials.SecretAccessKey), aws.ToString(out.Credentials.SessionToken))
	id := call(stsClient(cfg, h.clk).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})).must(t)
	if aws.ToString(id.Account) != otherAccount || aws.ToString(id.Arn) != wantARN {
		t.Errorf("GetCallerIdentity = %s %s, want %s %s", aws.ToString(id.Account), aws.ToString(id.Arn), otherAccount, wantARN)
	}
	// The session sees the role's account.
	roles := call(iamClient(cfg, h.clk).ListRoles(ctx, &iam.ListRolesInput{})).must(t).Roles
	if len(roles) != 1 || aws.ToString(roles[0].RoleName) != "Deployer" {
		t.Errorf("the assumed role's session lists %+v", roles)
	}

	// A role name in another case is the same role.
	call(caller.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::" + otherAccount + ":role/ci/deployer"), RoleSessionName: aws.String("again")})).must(t)

	for _, arn := range []string{
		"arn:aws:iam::" + otherAccount + ":role/ci/missing",
		"arn:aws:iam::" + account + ":role/ci/Deployer", // the role is not in the caller's account
	} {
		_, err := caller.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(arn), RoleSessionName: aws.String("s1")})
		wantErr(t, err, "AccessDenied", 403, "User: arn:aws:iam::"+account+":root is not authorized to perform: sts:AssumeRole on resource: "+arn)
	}
	// Once deleted, the role cannot be assumed.
	call(other.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("Deployer")})).must(t)
	_, err := caller.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: target.Arn, RoleSessionName: aws.String("late")})
	wantErr(t, err, "AccessDenied", 403, "")
}
