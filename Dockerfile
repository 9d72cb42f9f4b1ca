# Production image: Node 20 on Debian with the system Chromium for whatsapp-web.js.
FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium ca-certificates tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    CHROMIUM_PATH=/usr/bin/chromium \
    DATA_DIR=/app/data \
    WHATSAPP_SESSION_DIR=/app/data/whatsapp-session
WORKDIR /app
COPY package.json package-lock.json .puppeteerrc.cjs ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
# The only folder the service writes: data, the WhatsApp session and its Chromium profile (whatsapp-web.js
# runs without its ./.wwebjs_cache web cache, which would need a writable /app). Chromium's own caches go to
# the node user's home.
RUN mkdir -p /app/data/whatsapp-session && chown -R node:node /app/data
USER node
EXPOSE 3000
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--import", "tsx", "src/main.ts"]
