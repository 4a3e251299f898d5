#!/usr/bin/env bash
# Check the files in deploy/ with their own tools:
#   nginx -t   on deploy/nginx/chongchuan.conf, included from a throwaway nginx.conf, with a
#              self-signed certificate made by openssl in a temp dir (the site file's certificate
#              paths are placeholders);
#   systemd-analyze verify   on every unit in deploy/.
# systemd-analyze also checks that each ExecStart binary exists; /srv/chongchuan/.venv is not on a
# build machine, so exactly that message ("Command /srv/chongchuan/.venv/bin/… is not executable")
# is accepted and any other message fails the check.
# Usage: scripts/check_deploy_files.sh      (exit 0 when every file passes; prints what it checked)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEPLOY="$ROOT/deploy"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
status=0

# --- nginx ------------------------------------------------------------------------------------
if command -v nginx >/dev/null && command -v openssl >/dev/null; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=ysh.example.gov.cn" \
        -keyout "$TMP/privkey.pem" -out "$TMP/fullchain.pem" 2>/dev/null
    sed -e "s|/etc/ssl/chongchuan/fullchain.pem|$TMP/fullchain.pem|" \
        -e "s|/etc/ssl/chongchuan/privkey.pem|$TMP/privkey.pem|" \
        "$DEPLOY/nginx/chongchuan.conf" > "$TMP/site.conf"
    mime=/etc/nginx/mime.types
    [ -f "$mime" ] || mime=""
    cat > "$TMP/nginx.conf" <<CONF
pid $TMP/nginx.pid;
error_log $TMP/error.log;
events {}
http {
    ${mime:+include $mime;}
    access_log off;
    client_body_temp_path $TMP/body;
    proxy_temp_path $TMP/proxy;
    fastcgi_temp_path $TMP/fastcgi;
    uwsgi_temp_path $TMP/uwsgi;
    scgi_temp_path $TMP/scgi;
    include $TMP/site.conf;
}
CONF
    if nginx -t -q -p "$TMP" -e "$TMP/error.log" -c "$TMP/nginx.conf" 2>"$TMP/nginx.out"; then
        echo "ok    nginx -t deploy/nginx/chongchuan.conf"
    else
        echo "FAIL  nginx -t deploy/nginx/chongchuan.conf"; cat "$TMP/nginx.out"; status=1
    fi
    # The values the application relies on.
    grep -q "client_max_body_size 70m;" "$DEPLOY/nginx/chongchuan.conf" \
        || { echo "FAIL  client_max_body_size 70m missing"; status=1; }
else
    echo "skip  nginx or openssl not installed"
fi

# --- systemd ----------------------------------------------------------------------------------
if command -v systemd-analyze >/dev/null; then
    units=("$DEPLOY"/*.service "$DEPLOY"/*.socket "$DEPLOY"/*.timer)
    systemd-analyze verify "${units[@]}" >"$TMP/systemd.out" 2>&1 || true
    accepted='^chongchuan-[a-z]+\.service: Command /srv/chongchuan/\.venv/bin/[a-z]+ is not executable: No such file or directory$'
    if grep -Ev "$accepted" "$TMP/systemd.out" | grep -q .; then
        echo "FAIL  systemd-analyze verify"; grep -Ev "$accepted" "$TMP/systemd.out"; status=1
    else
        echo "ok    systemd-analyze verify ${units[*]##*/}"
    fi
    for unit in "$DEPLOY"/*.service; do
        for option in "EnvironmentFile=/etc/chongchuan/env" "User=chongchuan" "NoNewPrivileges=true" \
                      "ProtectSystem=full" "PrivateTmp=true"; do
            grep -qx "$option" "$unit" || { echo "FAIL  ${unit##*/} lacks $option"; status=1; }
        done
    done
else
    echo "skip  systemd-analyze not installed"
fi

exit $status
