package iam

import (
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

const maxRoleName = 64

type roleResult struct {
	Role roleXML `xml:"Role"`
}

// checkTrustPolicy checks an assume-role policy document.
func checkTrustPolicy(doc string) error {
	if err := checkPolicy(doc); err != nil {
		return err
	}
	if policySize(doc) > maxTrustPolicySize {
		return limitExceeded("Cannot exceed quota for ACLSizePerRole: %d", maxTrustPolicySize)
	}
	return nil
}

func (s *service) createRole(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	path := v.path("Path")
	name := v.name("RoleName", maxRoleName)
	doc := v.document("AssumeRolePolicyDocument")
	desc := v.str("Description", 0, 1000, reDescription, patDescription)
	maxSession := v.intRange("MaxSessionDuration", 3600, 43200, 3600)
	boundary := v.str("PermissionsBoundary", 20, 2048, nil, "")
	tags := v.tags("Tags", false)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := checkTrustPolicy(doc); err != nil {
		return nil, err
	}
	if err := checkTagKeys(tags); err != nil {
		return nil, err
	}
	account := r.Account()
	ro := role{
		Name:               name,
		ID:                 "AROA" + s.env.IDs.Upper(17),
		Path:               path,
		ARN:                s.arn(account, "role", path, name),
		Created:            now(r),
		AssumeRolePolicy:   doc,
		Description:        desc,
		MaxSessionDuration: maxSession,
		Tags:               sortTags(tags),
	}
	err := s.update(func(tx *store.Tx) error {
		if boundary != "" {
			if _, err := s.boundaryPolicy(boundary); err != nil {
				return err
			}
			ro.PermissionsBoundary = boundary
		}
		b := bucket(tx, account, kindRoles)
		if b.Has(nameKey(name)) {
			return awsapi.Conflict(codeEntityExists, "Role with name %s already exists.", name)
		}
		return b.Put(nameKey(name), ro)
	})
	if err != nil {
		return nil, err
	}
	return roleResult{Role: roleToXML(ro, viewCreate)}, nil
}

func (s *service) getRole(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	name := v.name("RoleName", maxRoleName)
	if err := v.err(); err != nil {
		return nil, err
	}
	var ro role
	err := s.view(func(tx *store.Tx) error {
		var err error
		ro, err = getRole(tx, r.Account(), name)
		return err
	})
	if err != nil {
		return nil, err
	}
	return roleResult{Role: roleToXML(ro, viewGet)}, nil
}

func (s *service) deleteRole(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	name := v.name("RoleName", maxRoleName)
	if err := v.err(); err != nil {
		return nil, err
	}
	account := r.Account()
	return nil, s.update(func(tx *store.Tx) error {
		if _, err := getRole(tx, account, name); err != nil {
			return err
		}
		for _, c := range []struct{ kind, msg string }{
			{kindRoleProfiles, msgRoleInProfile},
			{kindAttachments, msgRoleHasAttached},
			{kindRolePolicies, msgRoleHasInline},
		} {
			n, err := bucket(tx, account, c.kind).Count(childPrefix(name))
			if err != nil {
				return err
			}
			if n > 0 {
				return deleteConflict(c.msg)
			}
		}
		return bucket(tx, account, kindRoles).Delete(nameKey(name))
	})
}

type listRolesResult struct {
	Roles members[roleXML] `xml:"Roles"`
	pageResult
}

func (s *service) listRoles(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	prefix := v.str("PathPrefix", 1, 512, rePathPrefix, patPathPrefix)
	pg := v.page()
	if err := v.err(); err != nil {
		return nil, err
	}
	var (
		roles []role
		res   pageResult
	)
	err := s.view(func(tx *store.Tx) error {
		var err error
		roles, res, err = scanPage(bucket(tx, r.Account(), kindRoles), "", pg, func(ro role) bool {
			return strings.HasPrefix(ro.Path, prefix)
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	out := listRolesResult{Roles: make(members[roleXML], 0, len(roles)), pageResult: res}
	for _, ro := range roles {
		out.Roles = append(out.Roles, roleToXML(ro, viewList))
	}
	return out, nil
}

// modifyRole runs change on the role name in one transaction and returns
// the role as changed.
func (s *service) modifyRole(r *awsapi.Request, name string, change func(tx *store.Tx, ro *role) error) (role, error) {
	var ro role
	err := s.update(func(tx *store.Tx) error {
		var err error
		ro, err = getRole(tx, r.Account(), name)
		if err != nil {
			return err
		}
		if err := change(tx, &ro); err != nil {
			return err
		}
		return putRole(tx, r.Account(), ro)
	})
	return ro, err
}

func (s *service) updateRole(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	name := v.name("RoleName", maxRoleName)
	desc := v.str("Description", 0, 1000, reDescription, patDescription)
	maxSession := v.intRange("MaxSessionDuration", 3600, 43200, 0)
	if err := v.err(); err != nil {
		return nil, err
	}
	_, err := s.modifyRole(r, name, func(_ *store.Tx, ro *role) error {
		if p.Has("Description") {
			ro.Description = desc
		}
		if maxSession != 0 {
			ro.MaxSessionDuration = maxSession
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

func (s *service) updateRoleDescription(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	name := v.name("RoleName", maxRoleName)
	desc := v.required("Description", 0, 1000, reDescription, patDescription)
	if err := v.err(); err != nil {
		return nil, err
	}
	ro, err := s.modifyRole(r, name, func(_ *store.Tx, ro *role) error {
		ro.Description = desc
		return nil
	})
	if err != nil {
		return nil, err
	}
	return roleResult{Role: roleToXML(ro, viewGet)}, nil
}

func (s *service) updateAssumeRolePolicy(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	name := v.name("RoleName", maxRoleName)
	doc := v.document("PolicyDocument")
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := checkTrustPolicy(doc); err != nil {
		return nil, err
	}
	_, err := s.modifyRole(r, name, func(_ *store.Tx, ro *role) error {
		ro.AssumeRolePolicy = doc
		return nil
	})
	return nil, err
}

func (s *service) putRolePermissionsBoundary(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	name := v.name("RoleName", maxRoleName)
	boundary := v.required("PermissionsBoundary", 20, 2048, nil, "")
	if err := v.err(); err != nil {
		return nil, err
	}
	_, err := s.modifyRole(r, name, func(_ *store.Tx, ro *role) error {
		if _, err := s.boundaryPolicy(boundary); err != nil {
			return err
		}
		ro.PermissionsBoundary = boundary
		return nil
	})
	return nil, err
}

func (s *service) deleteRolePermissionsBoundary(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	name := v.name("RoleName", maxRoleName)
	if err := v.err(); err != nil {
		return nil, err
	}
	_, err := s.modifyRole(r, name, func(_ *store.Tx, ro *role) error {
		ro.PermissionsBoundary = ""
		return nil
	})
	return nil, err
}
