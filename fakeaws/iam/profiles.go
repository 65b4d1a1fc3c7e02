package iam

import (
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

const maxProfileName = 128

type profileResult struct {
	InstanceProfile profileXML `xml:"InstanceProfile"`
}

type listProfilesResult struct {
	InstanceProfiles members[profileXML] `xml:"InstanceProfiles"`
	pageResult
}

func (s *service) createInstanceProfile(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	name := v.name("InstanceProfileName", maxProfileName)
	path := v.path("Path")
	tags := v.tags("Tags", false)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := checkTagKeys(tags); err != nil {
		return nil, err
	}
	account := r.Account()
	ip := instanceProfile{
		Name:    name,
		ID:      "AIPA" + s.env.IDs.Upper(17),
		Path:    path,
		ARN:     s.arn(account, "instance-profile", path, name),
		Created: now(r),
		Tags:    sortTags(tags),
	}
	var out profileXML
	err := s.update(func(tx *store.Tx) error {
		b := bucket(tx, account, kindProfiles)
		if b.Has(nameKey(name)) {
			return awsapi.Conflict(codeEntityExists, "Instance Profile %s already exists.", name)
		}
		if err := b.Put(nameKey(name), ip); err != nil {
			return err
		}
		var err error
		out, err = profileToXML(tx, account, ip, true)
		return err
	})
	if err != nil {
		return nil, err
	}
	return profileResult{InstanceProfile: out}, nil
}

func (s *service) getInstanceProfile(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	name := v.name("InstanceProfileName", maxProfileName)
	if err := v.err(); err != nil {
		return nil, err
	}
	var out profileXML
	err := s.view(func(tx *store.Tx) error {
		ip, err := getProfile(tx, r.Account(), name)
		if err != nil {
			return err
		}
		out, err = profileToXML(tx, r.Account(), ip, true)
		return err
	})
	if err != nil {
		return nil, err
	}
	return profileResult{InstanceProfile: out}, nil
}

func (s *service) deleteInstanceProfile(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	name := v.name("InstanceProfileName", maxProfileName)
	if err := v.err(); err != nil {
		return nil, err
	}
	return nil, s.update(func(tx *store.Tx) error {
		ip, err := getProfile(tx, r.Account(), name)
		if err != nil {
			return err
		}
		if ip.Role != "" {
			return deleteConflict(msgProfileHasRoles)
		}
		return bucket(tx, r.Account(), kindProfiles).Delete(nameKey(name))
	})
}

func (s *service) listInstanceProfiles(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	prefix := v.str("PathPrefix", 1, 512, rePathPrefix, patPathPrefix)
	pg := v.page()
	if err := v.err(); err != nil {
		return nil, err
	}
	out := listProfilesResult{InstanceProfiles: members[profileXML]{}}
	err := s.view(func(tx *store.Tx) error {
		ips, res, err := scanPage(bucket(tx, r.Account(), kindProfiles), "", pg, func(ip instanceProfile) bool {
			return strings.HasPrefix(ip.Path, prefix)
		})
		if err != nil {
			return err
		}
		out.pageResult = res
		for _, ip := range ips {
			x, err := profileToXML(tx, r.Account(), ip, false)
			if err != nil {
				return err
			}
			out.InstanceProfiles = append(out.InstanceProfiles, x)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *service) listInstanceProfilesForRole(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	name := v.name("RoleName", maxRoleName)
	pg := v.page()
	if err := v.err(); err != nil {
		return nil, err
	}
	account := r.Account()
	out := listProfilesResult{InstanceProfiles: members[profileXML]{}}
	err := s.view(func(tx *store.Tx) error {
		if _, err := getRole(tx, account, name); err != nil {
			return err
		}
		keys, res, err := scanPage[string](bucket(tx, account, kindRoleProfiles), childPrefix(name), pg, nil)
		if err != nil {
			return err
		}
		out.pageResult = res
		for _, k := range keys {
			ip, ok, err := store.Get[instanceProfile](bucket(tx, account, kindProfiles), k)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			x, err := profileToXML(tx, account, ip, false)
			if err != nil {
				return err
			}
			out.InstanceProfiles = append(out.InstanceProfiles, x)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// profileAndRole reads the InstanceProfileName and RoleName parameters.
func profileAndRole(p awsapi.Params) (profile, roleName string, err error) {
	v := newValidator(p)
	profile = v.name("InstanceProfileName", maxProfileName)
	roleName = v.name("RoleName", maxRoleName)
	return profile, roleName, v.err()
}

func (s *service) addRoleToInstanceProfile(r *awsapi.Request, p awsapi.Params) (any, error) {
	profile, roleName, err := profileAndRole(p)
	if err != nil {
		return nil, err
	}
	account := r.Account()
	return nil, s.update(func(tx *store.Tx) error {
		ip, err := getProfile(tx, account, profile)
		if err != nil {
			return err
		}
		if _, err := getRole(tx, account, roleName); err != nil {
			return err
		}
		if ip.Role != "" {
			return limitExceeded("Cannot exceed quota for InstanceSessionsPerInstanceProfile: %d", maxRolesPerProfile)
		}
		ip.Role = nameKey(roleName)
		if err := putProfile(tx, account, ip); err != nil {
			return err
		}
		return bucket(tx, account, kindRoleProfiles).Put(childPrefix(roleName)+nameKey(profile), nameKey(profile))
	})
}

func (s *service) removeRoleFromInstanceProfile(r *awsapi.Request, p awsapi.Params) (any, error) {
	profile, roleName, err := profileAndRole(p)
	if err != nil {
		return nil, err
	}
	account := r.Account()
	return nil, s.update(func(tx *store.Tx) error {
		ip, err := getProfile(tx, account, profile)
		if err != nil {
			return err
		}
		if _, err := getRole(tx, account, roleName); err != nil {
			return err
		}
		if ip.Role != nameKey(roleName) {
			return errNoSuchRole(roleName)
		}
		ip.Role = ""
		if err := putProfile(tx, account, ip); err != nil {
			return err
		}
		return bucket(tx, account, kindRoleProfiles).Delete(childPrefix(roleName) + nameKey(profile))
	})
}

// modifyProfile runs change on the instance profile name in one
// transaction.
func (s *service) modifyProfile(r *awsapi.Request, name string, change func(tx *store.Tx, ip *instanceProfile) error) error {
	return s.update(func(tx *store.Tx) error {
		ip, err := getProfile(tx, r.Account(), name)
		if err != nil {
			return err
		}
		if err := change(tx, &ip); err != nil {
			return err
		}
		return putProfile(tx, r.Account(), ip)
	})
}
