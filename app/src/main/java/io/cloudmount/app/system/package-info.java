/** The app's touch points with the operating system: start at login, opening folders and links, the log file. */
package io.cloudmount.app.system;
